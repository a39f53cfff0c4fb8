"""Documents joined by holders and agents: checked (size, type), fingerprinted (SHA-256)."""

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ACCEPTED = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


class DocumentRefused(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedDocument:
    name: str
    content: bytes
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)

    def as_file(self) -> ContentFile:
        return ContentFile(self.content, name=self.name)


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def document_check(upload) -> CheckedDocument:
    """A PDF, PNG or JPEG of at most 10 Mo whose content matches its extension."""
    name = (getattr(upload, "name", "") or "document").replace("\\", "/").rsplit("/", 1)[-1][:200]
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ACCEPTED:
        raise DocumentRefused(f"« {name} » : seuls les fichiers PDF, PNG et JPEG sont acceptés.")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise DocumentRefused(f"« {name} » dépasse 10 Mo.")
    content = upload.read()
    if not content:
        raise DocumentRefused(f"« {name} » est vide.")
    content_type, magics = ACCEPTED[suffix]
    if not content.startswith(magics):
        raise DocumentRefused(f"« {name} » n’est pas un fichier {suffix[1:].upper()} valide.")
    return CheckedDocument(name=name, content=content, content_type=content_type, sha256=sha256_of(content))
