"""A local S3-compatible server (moto's ThreadedMotoServer) on loopback, a bucket in it, and the
application's default storage pointed at it through the real settings code (parts/infra.py)."""

import importlib
from dataclasses import dataclass

import boto3
import pytest
import requests
from moto.server import ThreadedMotoServer

from transition.config.settings.parts import infra

BUCKET = "transition-fichiers"
CREDENTIALS = {"S3_ACCESS_KEY_ID": "cle-de-test", "S3_SECRET_ACCESS_KEY": "secret-de-test", "S3_REGION": "eu-west-3"}


@dataclass
class S3:
    endpoint: str
    bucket: str
    client: object
    env: dict  # the environment a process needs to use this bucket

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))


def storages_from_env(monkeypatch, env: dict) -> dict:
    """STORAGES as parts/infra.py computes it from `env` (the module is reloaded, then restored)."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        return importlib.reload(infra).STORAGES
    finally:
        for name in env:
            monkeypatch.delenv(name)
        importlib.reload(infra)


@pytest.fixture
def s3(settings, monkeypatch):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    requests.post(f"{endpoint}/moto-api/reset", timeout=5)  # moto's state is per process, not per server
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=CREDENTIALS["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["S3_SECRET_ACCESS_KEY"],
        region_name=CREDENTIALS["S3_REGION"],
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": CREDENTIALS["S3_REGION"]})
    env = {"STORAGE_BACKEND": "s3", "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": endpoint, **CREDENTIALS}
    settings.STORAGES = storages_from_env(monkeypatch, env)
    try:
        yield S3(endpoint=endpoint, bucket=BUCKET, client=client, env=env)
    finally:
        server.stop()
