from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .domain import siret as siret_rules
from .enums import OrganisationKind, Provider, StatePurpose


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("L’adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class Organisation(models.Model):
    name = models.CharField("nom", max_length=255)
    siret = models.CharField("SIRET", max_length=14, unique=True, null=True, blank=True)
    siren = models.CharField("SIREN", max_length=9, blank=True, db_index=True)
    kind = models.CharField("type", max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.AUTRE)
    created_at = models.DateTimeField("créée le", default=timezone.now)

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.siret == "":
            self.siret = None  # unique, so empty must be NULL
        if self.siret and not self.siren:
            self.siren = siret_rules.siren_of(self.siret)
        super().save(*args, **kwargs)

    def clean(self):
        if self.siret:
            self.siret = siret_rules.normalise(self.siret)
            if not siret_rules.is_valid_siret(self.siret):
                raise ValidationError({"siret": "Ce numéro SIRET n’est pas valide (14 chiffres, clé de contrôle)."})
            self.siren = siret_rules.siren_of(self.siret)
        if self.siren and not siret_rules.is_valid_siren(self.siren):
            raise ValidationError({"siren": "Ce numéro SIREN n’est pas valide (9 chiffres, clé de contrôle)."})


class User(AbstractBaseUser, PermissionsMixin):
    """A person, keyed by email. A password exists only for staff; everyone else signs in through
    ProConnect, FranceConnect or an emailed link. Users are never deleted, only anonymised, so
    that what products must keep (and the audit log) still points somewhere."""

    email = models.EmailField("adresse électronique", unique=True)
    given_name = models.CharField("prénom", max_length=150, blank=True)
    family_name = models.CharField("nom", max_length=150, blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation (d’après ProConnect)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agents",
    )
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("équipe", default=False)
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)
    inactivity_warned_at = models.DateTimeField("averti de l’inactivité le", null=True, blank=True)
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.given_name} {self.family_name}".strip()

    def get_short_name(self):
        return self.given_name or self.email

    @property
    def last_activity_at(self):
        return self.last_login or self.date_joined


class Membership(models.Model):
    """A role held by a person in an organisation, for one product (roles.register_roles)."""

    user = models.ForeignKey(User, verbose_name="personne", on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    product = models.CharField("service", max_length=30)
    role = models.CharField("rôle", max_length=50)
    created_at = models.DateTimeField("depuis le", default=timezone.now)

    class Meta:
        verbose_name = "rôle"
        verbose_name_plural = "rôles"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "product", "role"], name="membership_unique")
        ]
        indexes = [models.Index(fields=["product", "role"])]

    def __str__(self):
        return f"{self.user} — {self.product}:{self.role} — {self.organisation}"

    def clean(self):
        from .roles import role_exists

        if not role_exists(self.product, self.role):
            raise ValidationError({"role": f"Le rôle « {self.role} » n’existe pas pour le service « {self.product} »."})


class OIDCIdentity(models.Model):
    """The stable subject a provider gives a person (`sub`), tied to their account."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="identities")
    provider = models.CharField("fournisseur", max_length=20, choices=Provider.choices)
    subject = models.CharField("identifiant chez le fournisseur", max_length=255)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "identité fédérée"
        verbose_name_plural = "identités fédérées"
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="oidc_identity_unique")]

    def __str__(self):
        return f"{self.provider}:{self.subject}"


class OIDCState(models.Model):
    """The state and nonce of one round trip to a provider, kept server-side: single use, expiring."""

    state = models.CharField(max_length=128, unique=True)
    nonce = models.CharField(max_length=128, blank=True)
    provider = models.CharField(max_length=20, choices=Provider.choices)
    purpose = models.CharField(max_length=10, choices=StatePurpose.choices, default=StatePurpose.LOGIN)
    next_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "état OpenID Connect"
        verbose_name_plural = "états OpenID Connect"

    def __str__(self):
        return f"{self.provider} {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"


class EmailLoginToken(models.Model):
    """An emailed sign-in link: only the SHA-256 of its token is kept."""

    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField()
    next_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lien de connexion"
        verbose_name_plural = "liens de connexion"

    def __str__(self):
        return f"lien du {self.created_at:%Y-%m-%d %H:%M}"


class SignInFailureCount(models.Model):
    """Sign-in failures that are counted, not logged one by one: a callback from a provider to a
    browser that started no round trip here (anyone can GET the callback URL; each used to write a
    permanent audit event), a wrong admin password. One row per day, method and reason."""

    day = models.DateField("jour")
    method = models.CharField("mode de connexion", max_length=30)
    reason = models.CharField("motif", max_length=100)
    count = models.PositiveIntegerField("nombre", default=0)

    class Meta:
        verbose_name = "échecs de connexion comptés"
        verbose_name_plural = "échecs de connexion comptés"
        ordering = ["-day", "method", "reason"]
        constraints = [models.UniqueConstraint(fields=["day", "method", "reason"], name="signin_failure_count_unique")]

    def __str__(self):
        return f"{self.day} {self.method} : {self.reason} ({self.count})"


class ApiToken(models.Model):
    """A key an organisation's software uses to call one product's API within one scope. Only the
    SHA-256 of the token is kept; the token itself is shown once, when it is issued."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.CASCADE, related_name="api_tokens"
    )
    product = models.CharField("service", max_length=30)
    scope = models.CharField("portée", max_length=60)
    name = models.CharField("nom", max_length=100, help_text="À quoi sert ce jeton (le logiciel qui l’utilise).")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField("début du jeton", max_length=12, help_text="Pour reconnaître le jeton sans le révéler.")
    created_by = models.ForeignKey(
        User, verbose_name="créé par", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    expires_at = models.DateTimeField("expire le", null=True, blank=True)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, verbose_name="révoqué par", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "jeton d’API"
        verbose_name_plural = "jetons d’API"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "product"])]

    def __str__(self):
        return f"{self.name} ({self.prefix}…) — {self.organisation} — {self.scope}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())
