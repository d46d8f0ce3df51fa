"""Model folders are checked before use; the downloader shows the size, checks sums, resumes.

The download tests run against a local http.server on 127.0.0.1 that speaks the hub's two
requests (the file list and the files, with Range), serving a small fake model."""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from salesdesk.listen import models
from salesdesk.listen.models import (
    ChecksumError,
    DownloadError,
    ModelError,
    ModelSpec,
    check_model_folder,
    download_model,
    fetch_manifest,
)

SPEC = ModelSpec("fake", "Test/fake-whisper", 3, "a fake model for the tests")
MODEL_BIN = b"\x06\x00\x00\x00\x0c\x00WhisperSpec\x00" + bytes(range(256)) * 12_000  # about 3 MB


def fake_model_files() -> dict[str, bytes]:
    return {
        "model.bin": MODEL_BIN,
        "config.json": b'{"alignment_heads": [], "suppress_ids": []}',
        "tokenizer.json": b'{"model": {}}',
        "vocabulary.txt": b"a\nb\n",
        "README.md": b"not a model file: never downloaded",
    }


def write_fake_model(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, data in fake_model_files().items():
        (folder / name).write_bytes(data)
    return folder


class FakeHub:
    """The hub's file list and file downloads, with faults to switch on."""

    def __init__(self):
        self.files = fake_model_files()
        self.cut_after: int | None = None  # the next download of model.bin stops after this many bytes
        self.bad_sha = False
        self.requests: list[tuple[str, str | None]] = []  # (path, Range header)
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                hub.requests.append((self.path, self.headers.get("Range")))
                if self.path == f"/api/models/{SPEC.repo}/tree/main":
                    return self._send(200, json.dumps(hub.listing()).encode(), "application/json")
                prefix = f"/{SPEC.repo}/resolve/main/"
                name = self.path.removeprefix(prefix)
                if not self.path.startswith(prefix) or name not in hub.files:
                    return self._send(404, b"not found")
                data = hub.files[name]
                start = 0
                if self.headers.get("Range"):
                    start = int(self.headers["Range"].removeprefix("bytes=").rstrip("-"))
                self.send_response(206 if start else 200)
                self.send_header("Content-Length", str(len(data) - start))
                self.end_headers()
                body = data[start:]
                if name == "model.bin" and hub.cut_after is not None:
                    body, hub.cut_after = body[: hub.cut_after], None
                    self.wfile.write(body)
                    self.close_connection = True
                    return None
                self.wfile.write(body)
                return None

            def _send(self, status, body, kind="text/plain"):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def listing(self) -> list[dict]:
        entries = []
        for name, data in self.files.items():
            entry = {"type": "file", "path": name, "size": len(data)}
            if name == "model.bin":
                sha = hashlib.sha256(data).hexdigest()
                entry["lfs"] = {"oid": "0" * 64 if self.bad_sha else sha, "size": len(data), "pointerSize": 134}
                entry["oid"] = "ffff"  # the LFS pointer's blob id: not the file's
            else:
                entry["oid"] = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
            entries.append(entry)
        return [{"type": "directory", "path": "docs", "size": 0}, *entries]


@pytest.fixture
def hub():
    fake = FakeHub()
    fake.thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def test_the_size_is_known_before_the_download(hub):
    manifest = fetch_manifest(SPEC, hub.url)
    assert [f.path for f in manifest.files] == ["config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]
    assert manifest.total_bytes == sum(len(d) for n, d in hub.files.items() if n != "README.md")
    assert [path for path, _range in hub.requests] == [f"/api/models/{SPEC.repo}/tree/main"]  # nothing else fetched


def test_download_with_progress_gives_a_checked_model_folder(hub, tmp_path: Path):
    manifest = fetch_manifest(SPEC, hub.url)
    seen: list[tuple[int, int]] = []
    folder = download_model(
        manifest, tmp_path / "models" / "fake", progress=lambda d, t: seen.append((d, t)), hub=hub.url
    )
    assert check_model_folder(folder) == folder
    assert (folder / "model.bin").read_bytes() == MODEL_BIN
    assert not (folder / "README.md").exists()
    assert seen[-1] == (manifest.total_bytes, manifest.total_bytes)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert not (tmp_path / "models" / "fake.partial").exists()
    assert json.loads((folder / models.MANIFEST_NAME).read_text())["repo"] == SPEC.repo


def test_a_cut_connection_is_resumed_with_a_range_request(hub, tmp_path: Path):
    manifest = fetch_manifest(SPEC, hub.url)
    hub.cut_after = 1_000_000
    folder = download_model(manifest, tmp_path / "fake", hub=hub.url)
    assert (folder / "model.bin").read_bytes() == MODEL_BIN
    model_requests = [rng for path, rng in hub.requests if path.endswith("/model.bin")]
    assert model_requests == [None, "bytes=1000000-"]


def test_a_download_cut_for_good_resumes_on_the_next_run(hub, tmp_path: Path):
    manifest = fetch_manifest(SPEC, hub.url)
    hub.cut_after = 500_000
    with pytest.raises(DownloadError, match=r"interrupted at 500000 of \d+ bytes.*start it again to resume"):
        download_model(manifest, tmp_path / "fake", hub=hub.url, retries=0)
    assert not (tmp_path / "fake").exists()
    assert (tmp_path / "fake.partial" / "model.bin.part").stat().st_size == 500_000
    folder = download_model(manifest, tmp_path / "fake", hub=hub.url, retries=0)
    assert (folder / "model.bin").read_bytes() == MODEL_BIN
    assert [rng for path, rng in hub.requests if path.endswith("/model.bin")] == [None, "bytes=500000-"]


def test_a_bad_checksum_is_refused_and_the_file_deleted(hub, tmp_path: Path):
    hub.bad_sha = True
    manifest = fetch_manifest(SPEC, hub.url)
    with pytest.raises(ChecksumError, match=r"model\.bin: checksum does not match.*deleted, not used"):
        download_model(manifest, tmp_path / "fake", hub=hub.url)
    assert not (tmp_path / "fake").exists()
    assert not (tmp_path / "fake.partial" / "model.bin").exists()
    assert not (tmp_path / "fake.partial" / "model.bin.part").exists()


def test_a_failed_download_leaves_the_old_model_in_place(hub, tmp_path: Path):
    old = write_fake_model(tmp_path / "fake")
    (old / "model.bin").write_bytes(MODEL_BIN[:100])  # still usable by its header
    hub.bad_sha = True
    with pytest.raises(ChecksumError):
        download_model(fetch_manifest(SPEC, hub.url), old, hub=hub.url)
    assert (old / "model.bin").read_bytes() == MODEL_BIN[:100]


def test_a_hub_without_the_model_says_so(hub, tmp_path: Path):
    with pytest.raises(DownloadError, match=r"could not read the list of files of Test/none.*404"):
        fetch_manifest(ModelSpec("x", "Test/none", 1, ""), hub.url)
    gone = models.Manifest(SPEC, (models.RemoteFile("gone.bin", 10, "0" * 64, None),))
    with pytest.raises(DownloadError, match=r"gone\.bin: 404"):
        download_model(gone, tmp_path / "fake", hub=hub.url)


def test_an_unreachable_hub_is_a_clear_error():
    with pytest.raises(DownloadError, match="could not read the list of files of Test/fake-whisper"):
        fetch_manifest(SPEC, "http://127.0.0.1:9")


def test_a_good_folder_passes(tmp_path: Path):
    folder = write_fake_model(tmp_path / "m")
    assert check_model_folder(folder) == folder


@pytest.mark.parametrize(
    ("damage", "kind", "message"),
    [
        (lambda f: (f / "model.bin").unlink(), "model-missing", r"missing model\.bin"),
        (lambda f: (f / "tokenizer.json").unlink(), "model-missing", r"missing tokenizer\.json"),
        (lambda f: (f / "vocabulary.txt").unlink(), "model-missing", r"missing vocabulary\.txt"),
        (
            lambda f: (f / "model.bin").write_bytes(b"PK\x03\x04 a zip file"),
            "model-corrupt",
            "not a CTranslate2 Whisper",
        ),
        (lambda f: (f / "config.json").write_text("{cut"), "model-corrupt", r"config\.json: damaged"),
    ],
)
def test_a_broken_folder_names_the_problem(tmp_path: Path, damage, kind, message):
    folder = write_fake_model(tmp_path / "m")
    damage(folder)
    with pytest.raises(ModelError, match=message) as caught:
        check_model_folder(folder)
    assert caught.value.kind == kind


def test_a_missing_folder_or_a_file_is_not_a_model(tmp_path: Path):
    with pytest.raises(ModelError, match="no such folder"):
        check_model_folder(tmp_path / "nothing")
    (tmp_path / "model.bin").write_bytes(MODEL_BIN)
    with pytest.raises(ModelError, match="not a folder"):
        check_model_folder(tmp_path / "model.bin")


def test_a_downloaded_model_cut_short_later_is_found(hub, tmp_path: Path):
    folder = download_model(fetch_manifest(SPEC, hub.url), tmp_path / "fake", hub=hub.url)
    with open(folder / "model.bin", "r+b") as file:
        file.truncate(1000)
    with pytest.raises(ModelError, match="1000 bytes, the download had") as caught:
        check_model_folder(folder)
    assert caught.value.kind == "model-corrupt"


def test_the_chosen_model(tmp_path: Path):
    data_dir = tmp_path / "data"
    assert models.chosen_model(data_dir) == data_dir / "models" / "tiny.en"
    data_dir.mkdir()
    (data_dir / "settings.ini").write_text("[listen]\nmodel=base.en\n")
    assert models.chosen_model(data_dir) == data_dir / "models" / "base.en"
    (data_dir / "settings.ini").write_text(f"[listen]\nmodel={tmp_path / 'mine'}\n")
    assert models.chosen_model(data_dir) == tmp_path / "mine"
