"""The archive file: a gzipped tar holding `manifest.json` first, then `data.json` (a Django
fixture, as `dumpdata` writes it) and the media files under `media/`, each under its storage
name. The manifest gives the format version and the SHA-256 and size of every other member;
a reader checks all of them before it trusts any.

tar rather than zip because it is written and read as a stream: members are checked while
they are copied to a temporary directory, and the archive is never held in memory."""

import gzip
import hashlib
import io
import json
import shutil
import tarfile
import time
import zlib
from pathlib import Path, PurePosixPath

FORMAT = "millenniekommunerna-site"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media/"
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be read or trusted; the message says why, in one line."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_member(name: str) -> str:
    return MEDIA + name


def is_safe_name(name: str) -> bool:
    """A member name that stays inside the directory it is unpacked to."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and "\x00" not in name
        and str(path) == name
    )


class Writer:
    """Collects members in a temporary directory (their checksums on the way), then writes the
    archive with the manifest first."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.members: dict[str, dict] = {}
        self._sources: dict[str, Path] = {}

    def add_file(self, name: str, source: Path):
        self.members[name] = {"sha256": sha256_of(source), "size": source.stat().st_size}
        self._sources[name] = source

    def add_stream(self, name: str, stream) -> None:
        target = self.workdir / "members" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with open(target, "wb") as out:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        self.members[name] = {"sha256": digest.hexdigest(), "size": size}
        self._sources[name] = target

    def write(self, path: Path, manifest: dict) -> None:
        manifest = {**manifest, "members": dict(sorted(self.members.items()))}
        encoded = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode()
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz", format=tarfile.PAX_FORMAT) as tar:
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(encoded)
            info.mtime = int(time.time())
            tar.addfile(info, io.BytesIO(encoded))
            for name in sorted(self._sources):
                info = tar.gettarinfo(str(self._sources[name]), arcname=name)
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                with open(self._sources[name], "rb") as handle:
                    tar.addfile(info, handle)
        partial.replace(path)


def read_manifest(tar: tarfile.TarFile) -> dict:
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isfile():
        raise ArchiveError(f"arkivet saknar {MANIFEST} först: det är inget arkiv från export_site")
    try:
        manifest = json.loads(tar.extractfile(first).read())
    except ValueError as error:
        raise ArchiveError(f"{MANIFEST} går inte att läsa: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"{MANIFEST} är inte ett manifest från export_site")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise ArchiveError(f"{MANIFEST} anger ingen formatversion")
    if version > FORMAT_VERSION:
        raise ArchiveError(
            f"arkivet har formatversion {version}, men den här versionen av webbplatsen läser "
            f"bara upp till version {FORMAT_VERSION}: importera med en nyare version"
        )
    members = manifest.get("members")
    if not isinstance(members, dict) or DATA not in members:
        raise ArchiveError(f"{MANIFEST} räknar inte upp arkivets delar")
    for name in members:
        if not is_safe_name(name) or not (name == DATA or name.startswith(MEDIA)):
            raise ArchiveError(f"{MANIFEST} nämner en otillåten del: {name!r}")
    return manifest


def open_archive(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:*")
    except FileNotFoundError as error:
        raise ArchiveError(f"filen {path} finns inte") from error
    except IsADirectoryError as error:
        raise ArchiveError(f"{path} är en mapp, inte ett arkiv") from error
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise ArchiveError(f"{path} är ingen tar.gz-fil från export_site") from error


def peek_manifest(path: Path) -> dict:
    """The manifest alone, checked for format and version."""
    with _reading(path) as tar:
        return read_manifest(tar)


def unpack(path: Path, into: Path) -> dict:
    """Copy every member to `into`, checking each against the manifest; return the manifest.
    Raises ArchiveError, naming the member, for anything missing, unexpected or changed."""
    with _reading(path) as tar:
        manifest = read_manifest(tar)
        expected = manifest["members"]
        seen = set()
        for index, member in enumerate(tar):
            name = member.name
            if index == 0:
                continue  # the manifest, read above
            if name not in expected or not member.isfile() or name in seen:
                raise ArchiveError(f"arkivet innehåller en del som manifestet inte nämner: {name}")
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest, size = hashlib.sha256(), 0
            with tar.extractfile(member) as source, open(target, "wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            if digest.hexdigest() != expected[name].get("sha256") or size != expected[name].get(
                "size"
            ):
                raise ArchiveError(f"kontrollsumman för {name} stämmer inte: arkivet är skadat")
            seen.add(name)
        missing = sorted(set(expected) - seen)
        if missing:
            more = f" (och {len(missing) - 1} till)" if len(missing) > 1 else ""
            raise ArchiveError(f"arkivet saknar {missing[0]}{more}: det är ofullständigt")
        return manifest


class _reading:
    """Open the archive and turn a damaged or cut-off stream into an ArchiveError."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        self.tar = open_archive(self.path)
        return self.tar

    def __exit__(self, kind, error, traceback):
        self.tar.close()
        if isinstance(error, tarfile.TarError | EOFError | zlib.error | gzip.BadGzipFile):
            raise ArchiveError(
                f"{self.path.name} är skadat eller avkortat och går inte att läsa till slutet "
                f"({error})"
            ) from error
        return False


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
