"""``salesdesk listen FILE | --devices | --download MODEL``: the listening pipeline from the terminal.

``salesdesk listen FILE`` runs the same pipeline as a call (voice activity, Whisper, the
spoken-form matcher) on an audio file and prints each cue as ``MM:SS.s<TAB>key<TAB>heard``,
so a rep (and a test) can check a setup. Exit status: 0 when it ran (with or without cues),
1 when it could not (no model, a file that is not audio, the extra not installed).
"""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser(
        "listen",
        help="find objections in an audio file as listening would; list capture devices; download a model",
        description="Run the listening pipeline on an audio file and print each cue as "
        "MM:SS.s<TAB>objection-key<TAB>heard text (the time is where the phrase starts). "
        "Needs the optional extra: pip install 'salesdesk[listen]'.",
    )
    parser.add_argument(
        "file", metavar="FILE", nargs="?", type=Path, help="an audio file (WAV, or anything FFmpeg reads)"
    )
    parser.add_argument(
        "--model", metavar="DIR", type=Path, help="a CTranslate2 Whisper model folder (default: the chosen one)"
    )
    parser.add_argument(
        "--playbook",
        dest="listen_playbook",
        metavar="NAME",
        help="the playbook whose triggers to look for (default: the default one)",
    )
    parser.add_argument(
        "--devices", action="store_true", help="list the capture sources (outputs' monitors, microphones)"
    )
    parser.add_argument(
        "--download", metavar="MODEL", help="download a speech model into the data folder (tiny.en or base.en)"
    )
    parser.set_defaults(run=run_listen, listen_parser=parser)


def _fail(message: str) -> int:
    print(f"salesdesk listen: {message}", file=sys.stderr)
    return 1


def run_listen(args, data_dir: Path) -> int:
    if args.devices:
        return run_devices()
    if args.download:
        return run_download(args.download, data_dir)
    if args.file is None:
        args.listen_parser.print_usage(sys.stderr)
        return _fail("give an audio file, --devices or --download MODEL")
    return run_file(args, data_dir)


def run_devices() -> int:
    from salesdesk.listen.capture import list_devices

    devices, problems = list_devices()
    for problem in problems:
        print(f"salesdesk listen: note: {problem}", file=sys.stderr)
    if not devices:
        return _fail("no capture sources found")
    print("KIND\tDEFAULT\tNAME\tDESCRIPTION")
    for device in devices:
        kind = f"output monitor of {device.monitor_of}" if device.kind == "monitor" else "microphone"
        print(f"{kind}\t{'*' if device.default else ''}\t{device.name}\t{device.description} ({device.backend})")
    return 0


def run_download(name: str, data_dir: Path) -> int:
    from salesdesk.listen.models import CATALOG, DownloadError, download_model, fetch_manifest, models_dir

    spec = CATALOG.get(name)
    if spec is None:
        return _fail(f"no model called {name!r}; choose one of: {', '.join(CATALOG)}")
    print(f"Downloading {spec.name} ({spec.description}), about {spec.approx_mb} MB, from {spec.repo}", file=sys.stderr)
    try:
        manifest = fetch_manifest(spec)
        print(f"{manifest.total_bytes / 1e6:.1f} MB in {len(manifest.files)} files", file=sys.stderr)
        last = [-1]

        def progress(done: int, total: int) -> None:
            percent = done * 100 // max(total, 1)
            if percent != last[0]:
                last[0] = percent
                print(f"\r{percent:3d} %", end="", file=sys.stderr, flush=True)

        folder = download_model(manifest, models_dir(data_dir) / spec.name, progress=progress)
    except DownloadError as exc:
        print(file=sys.stderr)
        return _fail(str(exc))
    print(f"\n{folder}")
    return 0


def _format_time(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:04.1f}"


def _playbook(args, data_dir: Path):
    from salesdesk.commands.playbook import find_one, library_for, report_broken

    library = library_for(args, data_dir)
    report_broken(library)
    if args.listen_playbook:
        return find_one(library, args.listen_playbook)  # None: it said why
    if library.default is None:
        _fail("no playbook to take the triggers from")
    return library.default


def run_file(args, data_dir: Path) -> int:
    from salesdesk.listen import EXTRA_HINT, extra_installed

    if not extra_installed():
        return _fail(f"listening needs the optional extra: {EXTRA_HINT}")
    from salesdesk.listen.capture import FRAME, CaptureError, FileSource
    from salesdesk.listen.models import ModelError, chosen_model
    from salesdesk.listen.pipeline import Listener, Recogniser

    playbook = _playbook(args, data_dir)
    if playbook is None:
        return 1
    if not args.file.is_file():
        return _fail(f"{args.file}: no such file")
    try:
        recogniser = Recogniser(args.model or chosen_model(data_dir))
    except ModelError as exc:
        hint = "" if args.model else " (salesdesk listen --download tiny.en, or --model DIR)"
        return _fail(f"{exc}{hint}")
    source = FileSource("them", args.file)
    try:
        audio = source.load()
    except CaptureError as exc:
        return _fail(str(exc))
    import numpy

    listener = Listener(recogniser, playbook.objections)
    audio = numpy.pad(audio, (0, -len(audio) % FRAME))
    heard_start: dict[float, tuple[float, str]] = {}

    def show(events: list[dict]) -> None:
        for event in events:
            if event["event"] == "heard":
                heard_start[event["end"]] = (event["start"], event["text"])
            elif event["event"] == "cue":
                start, text = heard_start[event["at"]]
                print(f"{_format_time(start)}\t{event['key']}\t{text}", flush=True)

    for frame in audio.reshape(-1, FRAME):
        show(listener.feed("them", frame))
    show(listener.flush("them"))
    return 0
