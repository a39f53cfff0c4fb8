"""Where anchors of the audit chain are kept, outside the database.

An anchor is a small JSON document: the chain head (last event id and hash), the (id, hash) of
every event since the previous anchor, the key id and an HMAC signature of the whole. Each
backend of settings.AUDIT_ANCHOR_BACKENDS receives every anchor:

- `directory`: one file per anchor in AUDIT_ANCHOR_DIR, never overwritten (in production, a
  directory of another machine or a write-once mount; docs/deploy.md);
- `email`: sent to AUDIT_ANCHOR_EMAIL (kept by the recipients' mailbox; a saved copy is checked
  with `audit_verify --anchors DIR`);
- `s3`: one object per anchor in AUDIT_ANCHOR_S3_BUCKET (S3-compatible; object lock advised).

`directory` and `s3` can be read back by `audit_verify`.
"""

import json
import os
from pathlib import Path

import boto3
from django.conf import settings
from django.core.mail import send_mail


class AnchorReadError(Exception):
    pass


def anchor_name(anchor: dict) -> str:
    stamp = anchor["written_at"].replace(":", "").replace("-", "").split(".")[0]
    return f"ancre-{stamp}-{anchor['head_event_id'] or 0:012d}.json"


def _text(anchor: dict) -> str:
    return json.dumps(anchor, ensure_ascii=False, sort_keys=True, indent=1)


# directory ---------------------------------------------------------------------------------


def directory_write(anchor: dict, directory: str | None = None) -> str:
    folder = Path(directory or settings.AUDIT_ANCHOR_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / anchor_name(anchor)
    # O_EXCL: an anchor is never overwritten.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o440)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(_text(anchor))
        handle.flush()
        os.fsync(handle.fileno())
    return str(path)


def directory_read(directory: str | None = None) -> list[tuple[str, dict | None]]:
    """(name, anchor) of every anchor file; anchor None when the file is not readable JSON."""
    folder = Path(directory or settings.AUDIT_ANCHOR_DIR)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            found.append((str(path), json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError):
            found.append((str(path), None))
    return found


# S3 ----------------------------------------------------------------------------------------


def _s3():
    return boto3.client(
        "s3",
        endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None,
        region_name=os.environ.get("S3_REGION") or None,
        aws_access_key_id=os.environ.get("S3_ACCESS_KEY_ID") or None,
        aws_secret_access_key=os.environ.get("S3_SECRET_ACCESS_KEY") or None,
    )


def s3_write(anchor: dict) -> str:
    key = f"{settings.AUDIT_ANCHOR_S3_PREFIX}{anchor_name(anchor)}"
    _s3().put_object(
        Bucket=settings.AUDIT_ANCHOR_S3_BUCKET,
        Key=key,
        Body=_text(anchor).encode(),
        ContentType="application/json",
        IfNoneMatch="*",  # never overwrite an anchor
    )
    return f"s3://{settings.AUDIT_ANCHOR_S3_BUCKET}/{key}"


def s3_read() -> list[tuple[str, dict | None]]:
    client = _s3()
    found = []
    paginator = client.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=settings.AUDIT_ANCHOR_S3_BUCKET, Prefix=settings.AUDIT_ANCHOR_S3_PREFIX):
        for item in page.get("Contents", []):
            name = f"s3://{settings.AUDIT_ANCHOR_S3_BUCKET}/{item['Key']}"
            body = client.get_object(Bucket=settings.AUDIT_ANCHOR_S3_BUCKET, Key=item["Key"])["Body"].read()
            try:
                found.append((name, json.loads(body)))
            except ValueError:
                found.append((name, None))
    return found


# email -------------------------------------------------------------------------------------


def email_write(anchor: dict) -> str:
    send_mail(
        subject=f"Ancre du journal d’audit — événement {anchor['head_event_id']}",
        message=(
            "Ancre du journal d’audit de Transition. Conservez ce message tel quel : "
            "il permet de vérifier que le journal n’a pas été réécrit "
            "(enregistrez le texte ci-dessous dans un fichier .json, puis "
            "manage.py audit_verify --anchors DOSSIER).\n\n" + _text(anchor)
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=settings.AUDIT_ANCHOR_EMAIL,
    )
    return "courriel à " + ", ".join(settings.AUDIT_ANCHOR_EMAIL)


WRITERS = {"directory": directory_write, "email": email_write, "s3": s3_write}
READERS = {"directory": directory_read, "s3": s3_read}


def anchors_store(anchor: dict) -> list[str]:
    """Write the anchor to every configured backend; the places written."""
    return [WRITERS[backend](anchor) for backend in settings.AUDIT_ANCHOR_BACKENDS]


def anchors_load(directories: list[str] | None = None) -> list[tuple[str, dict | None]]:
    """Every anchor readable from the configured backends, plus the given directories."""
    found = []
    for backend in settings.AUDIT_ANCHOR_BACKENDS:
        if backend in READERS:
            try:
                found.extend(READERS[backend]())
            except Exception as exc:  # the verification says so: an unreadable store is a finding
                raise AnchorReadError(f"ancres illisibles ({backend}) : {exc}") from exc
    for directory in directories or []:
        found.extend(directory_read(directory))
    return found
