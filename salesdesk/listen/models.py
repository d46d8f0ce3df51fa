"""Speech models: which one is used, checking a model folder, and downloading one.

A model is a CTranslate2 conversion of Whisper (what faster-whisper loads): a folder with
``model.bin``, ``config.json``, ``tokenizer.json`` and ``vocabulary.txt`` (or ``.json``).
Downloaded models live in ``<data dir>/models/<name>``; "Use a model folder..." points at any
folder that passes :func:`check_model_folder`.

:func:`download_model` is the only code in SalesDesk that opens a network connection, and
it runs only when the rep asks for a download. It shows the size first (:func:`fetch_manifest`),
reports progress, checks every file against the hub's checksum, and resumes a cut download
with an HTTP Range request (also across runs: the partial files are kept in a staging folder).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: The model hub (Hugging Face). SALESDESK_MODEL_HUB points elsewhere (a mirror, or a test server).
DEFAULT_HUB = "https://huggingface.co"
HUB_ENV = "SALESDESK_MODEL_HUB"
#: The files faster-whisper itself downloads for a model.
MODEL_FILES = ("config.json", "preprocessor_config.json", "model.bin", "tokenizer.json", "vocabulary.*")
REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
#: Written into a downloaded model's folder: where it came from and each file's size and checksum.
MANIFEST_NAME = "salesdesk-model.json"
CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ModelSpec:
    name: str
    repo: str
    approx_mb: int  # shown before anything is fetched
    description: str
    revision: str = "main"


CATALOG: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec("tiny.en", "Systran/faster-whisper-tiny.en", 78, "fast, English only (the default)"),
        ModelSpec("base.en", "Systran/faster-whisper-base.en", 148, "more accurate, 1.5-2x slower, English only"),
    )
}
DEFAULT_MODEL = "tiny.en"


class ModelError(Exception):
    """A model folder that cannot be used; the message says what is wrong and where."""

    def __init__(self, message: str, kind: str = "model-missing"):
        super().__init__(message)
        self.kind = kind  # "model-missing" or "model-corrupt" (protocol error kinds)


class DownloadError(Exception):
    """A download that did not complete; what was fetched so far is kept to resume."""


class ChecksumError(DownloadError):
    """A downloaded file does not match the hub's checksum: it is deleted, never used."""


def models_dir(data_dir: Path) -> Path:
    return data_dir / "models"


def chosen_model(data_dir: Path) -> Path:
    """The model folder listening uses: the settings' ``listen/model`` (a catalog name, or a
    folder the rep chose), else the default model in the data folder."""
    from salesdesk import settings

    return model_folder(data_dir, settings.read(data_dir, settings.LISTEN_MODEL))


def model_folder(data_dir: Path, choice: str) -> Path:
    """The folder for a ``listen/model`` setting: a catalog name (in the data folder), a
    folder, or "" for the default model."""
    choice = choice.strip() or DEFAULT_MODEL
    if choice in CATALOG:
        return models_dir(data_dir) / choice
    return Path(choice).expanduser()


def check_model_folder(folder: Path) -> Path:
    """``folder`` if it holds a CTranslate2 Whisper model; else a ModelError naming the problem.

    Cheap (reads headers, not the weights): the worker still reports a model that fails to load."""
    folder = Path(folder)
    if not folder.exists():
        raise ModelError(f"{folder}: no such folder (download a model, or choose a model folder)")
    if not folder.is_dir():
        raise ModelError(f"{folder}: not a folder: a model is a folder with model.bin, config.json and tokenizer.json")
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if not any((folder / name).is_file() for name in ("vocabulary.txt", "vocabulary.json")):
        missing.append("vocabulary.txt")
    if missing:
        raise ModelError(
            f"{folder}: not a CTranslate2 Whisper model folder: missing {', '.join(missing)} "
            "(a faster-whisper model, e.g. Systran/faster-whisper-tiny.en, has all of them)"
        )
    try:
        with open(folder / "model.bin", "rb") as file:
            header = file.read(64)
    except OSError as exc:
        raise ModelError(f"{folder / 'model.bin'}: cannot be read: {exc.strerror or exc}", "model-corrupt") from exc
    if b"WhisperSpec" not in header:
        raise ModelError(
            f"{folder / 'model.bin'}: not a CTranslate2 Whisper model (another model, or a damaged file)",
            "model-corrupt",
        )
    for name in ("config.json", "tokenizer.json"):
        try:
            json.loads((folder / name).read_bytes())
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder / name}: damaged (not readable JSON): {exc}", "model-corrupt") from exc
    manifest = folder / MANIFEST_NAME
    if manifest.is_file():  # a downloaded model: its files must still have their sizes
        try:
            files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
            for entry in files:
                size = (folder / entry["path"]).stat().st_size
                if size != entry["size"]:
                    raise ModelError(
                        f"{folder / entry['path']}: {size} bytes, the download had {entry['size']}: "
                        "damaged or cut short; download the model again",
                        "model-corrupt",
                    )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{manifest}: damaged ({exc}); download the model again", "model-corrupt") from exc
    return folder


# --- Downloading -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RemoteFile:
    path: str
    size: int
    sha256: str | None  # large files (Git LFS): the hub gives their SHA-256
    git_oid: str | None  # small files: the Git blob id (SHA-1 of "blob SIZE\0" + content)


@dataclass(frozen=True, slots=True)
class Manifest:
    spec: ModelSpec
    files: tuple[RemoteFile, ...]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)


def hub_url() -> str:
    return (os.environ.get(HUB_ENV, "").strip() or DEFAULT_HUB).rstrip("/")


def _wanted(path: str) -> bool:
    import fnmatch

    return "/" not in path and any(fnmatch.fnmatch(path, pattern) for pattern in MODEL_FILES)


def _open(url: str, headers: dict[str, str] | None = None, timeout: float = 30.0):
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "SalesDesk", **(headers or {})})
    return urllib.request.urlopen(request, timeout=timeout)


def fetch_manifest(spec: ModelSpec, hub: str | None = None) -> Manifest:
    """The files of ``spec`` with their sizes and checksums (one small request to the hub)."""
    import urllib.error

    url = f"{hub or hub_url()}/api/models/{spec.repo}/tree/{spec.revision}"
    try:
        with _open(url) as response:
            listing = json.loads(response.read(4 << 20))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DownloadError(f"could not read the list of files of {spec.repo} from {url}: {exc}") from exc
    files = []
    try:
        for entry in listing:
            if entry.get("type") != "file" or not _wanted(entry["path"]):
                continue
            lfs = entry.get("lfs") or {}
            files.append(RemoteFile(entry["path"], int(entry["size"]), lfs.get("oid"), entry.get("oid")))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise DownloadError(f"{url}: not a list of model files ({exc})") from exc
    missing = set(REQUIRED_FILES) - {f.path for f in files}
    if missing:
        raise DownloadError(f"{spec.repo} has no {', '.join(sorted(missing))}: not a faster-whisper model")
    return Manifest(spec, tuple(sorted(files, key=lambda f: f.path)))


def _hasher(remote: RemoteFile):
    import hashlib

    if remote.sha256:
        return hashlib.sha256(), remote.sha256
    if remote.git_oid:
        git = hashlib.sha1(usedforsecurity=False)
        git.update(f"blob {remote.size}\0".encode())
        return git, remote.git_oid
    raise DownloadError(f"{remote.path}: the hub gave no checksum for it: not downloaded")


def download_model(
    manifest: Manifest,
    dest: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    hub: str | None = None,
    retries: int = 3,
    cancelled: Callable[[], bool] = lambda: False,
) -> Path:
    """Download the model into the folder ``dest`` (replaced only once everything is in and
    checked) and return it. ``progress(done_bytes, total_bytes)`` is called as bytes arrive.

    A cut connection is resumed from where it stopped (HTTP Range), up to ``retries`` times
    here, and on the next call after that: partial files wait in ``dest`` + ``.partial``."""
    hub = hub or hub_url()
    staging = dest.with_name(dest.name + ".partial")
    staging.mkdir(parents=True, exist_ok=True)
    job = _Job(manifest, staging, hub, retries, cancelled, progress)
    for remote in manifest.files:
        _download_file(job, remote)
        job.done_before += remote.size
    record = {
        "model": manifest.spec.name,
        "repo": manifest.spec.repo,
        "revision": manifest.spec.revision,
        "files": [{"path": f.path, "size": f.size, "sha256": f.sha256, "git_oid": f.git_oid} for f in manifest.files],
    }
    (staging / MANIFEST_NAME).write_text(json.dumps(record, indent=1), encoding="utf-8")
    check_model_folder(staging)
    if dest.exists():
        old = dest.with_name(dest.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        dest.rename(old)
        staging.rename(dest)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(dest)
    return dest


@dataclass
class _Job:
    manifest: Manifest
    staging: Path
    hub: str
    retries: int
    cancelled: Callable[[], bool]
    progress: Callable[[int, int], None] | None
    done_before: int = 0

    def report(self, done_in_file: int) -> None:
        if self.progress:
            self.progress(self.done_before + done_in_file, self.manifest.total_bytes)


def _download_file(job: _Job, remote: RemoteFile) -> None:
    import http.client
    import urllib.error

    spec, staging, retries, cancelled = job.manifest.spec, job.staging, job.retries, job.cancelled

    target = staging / remote.path
    part = staging / (remote.path + ".part")
    if target.is_file() and target.stat().st_size == remote.size:
        job.report(remote.size)
        return  # checked when it was completed
    url = f"{job.hub}/{spec.repo}/resolve/{spec.revision}/{remote.path}"
    for attempt in range(retries + 1):
        have = part.stat().st_size if part.is_file() else 0
        if have > remote.size:
            part.unlink()
            have = 0
        try:
            headers = {"Range": f"bytes={have}-"} if 0 < have < remote.size else {}
            with _open(url, headers) as response:
                if have and response.status != 206:
                    have = 0  # the server sends the whole file: start over
                with open(part, "ab" if have else "wb") as file:
                    while have < remote.size:
                        if cancelled():
                            raise DownloadError("download cancelled; it resumes where it stopped")
                        chunk = response.read(min(CHUNK, remote.size - have))
                        if not chunk:
                            raise DownloadError(f"{remote.path}: the connection closed early")
                        file.write(chunk)
                        have += len(chunk)
                        job.report(have)
            break
        except (urllib.error.URLError, http.client.HTTPException, OSError, DownloadError) as exc:
            if isinstance(exc, DownloadError) and "cancelled" in str(exc):
                raise
            if isinstance(exc, urllib.error.HTTPError) and exc.code in (401, 403, 404):
                raise DownloadError(f"{url}: {exc.code} {exc.reason}") from exc
            if attempt == retries:
                raise DownloadError(
                    f"{remote.path}: download interrupted at {have} of {remote.size} bytes ({exc}); "
                    "start it again to resume"
                ) from exc
    hasher, expected = _hasher(remote)
    with open(part, "rb") as file:
        while block := file.read(CHUNK):
            hasher.update(block)
    if hasher.hexdigest() != expected:
        part.unlink()
        raise ChecksumError(
            f"{remote.path}: checksum does not match the hub's ({hasher.hexdigest()[:12]}… instead of "
            f"{expected[:12]}…): the file was deleted, not used"
        )
    part.rename(target)
