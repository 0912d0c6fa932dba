"""Uploaded files in S3-compatible object storage, when a bucket is configured (docs/scaling.md).

Against a local S3-compatible server (moto's server mode on 127.0.0.1), never the internet: the
settings read from the environment build the storage, a file goes up through the portal's upload
view, comes back through its download view (which checks the reader and logs the read) byte for
byte, sits in the bucket as a private object, and is removed from the bucket with its request.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from requests_app.models import Attachment, PersonalDataRead, Status
from tests.request_states import draft, request_in

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
BUCKET = "imi-private-media"
KEYS = {"AWS_ACCESS_KEY_ID": "local-test-key", "AWS_SECRET_ACCESS_KEY": "local-test-secret"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def private_storage_setting(**environment):
    """STORAGES["private"] as imi.settings.base builds it from this environment, in a fresh process."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    base.update(SECRET_KEY="x", DATABASE_URL="postgres://u@127.0.0.1:5432/db", REDIS_URL="redis://127.0.0.1:6379/0")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, imi.settings.base as s; print(json.dumps(s.STORAGES['private'], default=str))",
        ],
        cwd=ROOT,
        env={**base, **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_server, monkeypatch):
    """The bucket on the local server, and the attachments' storage built from the settings pointing at it."""
    client = boto3.client("s3", endpoint_url=s3_server, region_name="eu-central-1", **lowercase(KEYS))
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    setting = private_storage_setting(
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=s3_server,
        AWS_S3_REGION_NAME="eu-central-1",
        AWS_S3_ADDRESSING_STYLE="path",
        **KEYS,
    )
    assert setting["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = S3Storage(**setting["OPTIONS"])
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def lowercase(keys):
    return {name.lower(): value for name, value in keys.items()}


def keys_in(client):
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_without_a_bucket_the_files_stay_on_the_file_system():
    setting = private_storage_setting(PRIVATE_MEDIA_ROOT="/srv/files")
    assert setting == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": "/srv/files", "base_url": None},
    }


def test_with_a_bucket_the_objects_are_private_and_never_get_a_signed_link():
    options = private_storage_setting(AWS_STORAGE_BUCKET_NAME=BUCKET, AWS_S3_ENDPOINT_URL="http://127.0.0.1:9")[
        "OPTIONS"
    ]
    assert (options["bucket_name"], options["endpoint_url"]) == (BUCKET, "http://127.0.0.1:9")
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    # Without keys in the environment, boto3 finds its own (the instance's role).
    assert options["access_key"] is None and options["secret_key"] is None


def test_a_file_goes_up_and_comes_back_through_the_portal(client, world, questions, bucket):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.bg_handler)
    response = client.post(
        reverse("requests:attachment_add", args=[info_request.pk]),
        {"file": SimpleUploadedFile("diploma.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    attachment = info_request.attachments.get()
    # In the bucket under the generated name, not the uploader's, and private.
    assert keys_in(bucket) == [attachment.file.name]
    assert "diploma" not in attachment.file.name
    assert bucket.get_object(Bucket=BUCKET, Key=attachment.file.name)["Body"].read() == PDF
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=attachment.file.name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner's only: no public read

    client.force_login(world.pt_handler)
    response = client.get(reverse("requests:attachment", args=[info_request.pk, attachment.pk]))
    assert response.status_code == 200  # streamed by the portal, not a redirect to the bucket
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert PersonalDataRead.objects.filter(user=world.pt_handler, what=PersonalDataRead.What.ATTACHMENT).exists()

    client.force_login(world.stranger)
    assert client.get(reverse("requests:attachment", args=[info_request.pk, attachment.pk])).status_code == 404


def test_deleting_a_draft_removes_its_files_from_the_bucket(
    client, world, questions, bucket, django_capture_on_commit_callbacks
):
    info_request = draft(world, questions)
    client.force_login(world.bg_handler)
    client.post(
        reverse("requests:attachment_add", args=[info_request.pk]),
        {"file": SimpleUploadedFile("diploma.pdf", PDF, "application/pdf")},
    )
    assert len(keys_in(bucket)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("requests:draft_delete", args=[info_request.pk]))
    assert keys_in(bucket) == []
