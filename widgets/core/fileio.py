"""File I/O, in one place: atomic writes, write-new-never-overwrite, setting a bad file aside, reading an untrusted file.

Every file the kit writes goes through `atomic_write_*` (a reader sees the old file or the new one, never half of
one) or `write_new` (a fresh name; an existing file is never replaced). Every file a student or a stranger may have
made (a hand-in, a save file) is read with `read_untrusted`: regular files only, never through a symlink, never
blocking on a FIFO or a device, at most `limit + 1` bytes, strict UTF-8. Errors are `StorageError` (writing) or
`UntrustedFileError` (reading) with one plain sentence, never a codec error or a traceback.
"""
from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

TEMP_SUFFIX = ".tmp"
CORRUPT_MARK = ".corrupt-"
# JSON the kit writes is a few levels deep; a file nested deeper than this is not ours (and could exhaust the stack).
MAX_JSON_DEPTH = 64


class StorageError(OSError):
    """A file or folder cannot be written (the message says why, in plain words). An OSError, so code that copes
    with a failed write (`except OSError`) copes with this one too."""


class UntrustedFileError(ValueError):
    """A file that cannot be read safely or is not what it claims (the message says why, in plain words)."""


def reason(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only (no permission to write there)"
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == errno.ENOENT:
        return "the folder does not exist"
    if error.errno == errno.EISDIR:
        return "that is a folder, not a file"
    if error.errno == errno.ENOTDIR:
        return "part of the path is a file, not a folder"
    return error.strerror or str(error)


def read_reason(error: OSError, path=None) -> str:
    """Why a file could not be read, in plain words (reason() is for writing: its 'read-only' would mislead)."""
    if error.errno in (errno.EACCES, errno.EPERM):
        detail = ""
        try:
            info = os.lstat(path) if path is not None else None
            if info is not None:
                detail = f" (its permissions are {stat.filemode(info.st_mode)}, owner id {info.st_uid})"
        except OSError:
            pass
        return (f"no permission to read it{detail}; ask whoever copied it to make it readable, e.g. "
                "chmod a+r on the file")
    if error.errno == errno.EISDIR:
        return "that is a folder, not a file"
    return error.strerror or str(error)


def current_umask() -> int:
    """The process's umask, read without changing it where Linux says it (/proc), else by setting and restoring."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def encode_text(text: str, what: str = "the text") -> bytes:
    """`text` as UTF-8; StorageError (plain words) when it holds a lone surrogate (half of an emoji)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise StorageError(f"{what} contains a broken character (half of an emoji, at position {error.start}), "
                           "which cannot be saved") from None


def json_text(data) -> str:
    """`data` as the kit's JSON (UTF-8 kept readable, one space indent, newline at the end)."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _written_temp(folder: Path, name: str, data: bytes, private: bool = False) -> str:
    """Write `data` to a fresh temporary file in `folder` and fsync it; its path. The caller renames or removes it
    (a temp file that could not be written completely is removed here). Its mode follows the umask (0644 under
    022), as any file a program creates, unless `private` (0600: only its owner reads it)."""
    handle = tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}.", suffix=TEMP_SUFFIX, delete=False)
    try:
        with handle:
            if not private:
                os.fchmod(handle.fileno(), 0o666 & ~current_umask())
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _unlink_quietly(handle.name)
        raise
    return handle.name


def atomic_write_bytes(path, data: bytes, private: bool = False) -> Path:
    """Write `data` to `path` via a temporary file in the same folder (fsync, then os.replace), so a reader sees
    the old file or the new one, never half of one; mode as the umask says, or 0600 when `private`. Raises
    StorageError with a plain reason; leaves no temp file."""
    path = Path(path)
    temp = None
    try:
        if path.is_dir():
            raise StorageError(f"Could not write {path}: that is a folder, not a file.")
        temp = _written_temp(path.parent, path.name, data, private)
        os.replace(temp, path)
        temp = None
    except StorageError:
        raise
    except OSError as error:
        raise StorageError(f"Could not save to {path}: {reason(error)}.") from error
    finally:
        if temp is not None:
            _unlink_quietly(temp)
    return path


def atomic_write_text(path, text: str, private: bool = False) -> Path:
    """`atomic_write_bytes` of `text` in UTF-8 (encoded first: a text that cannot be saved creates no file)."""
    return atomic_write_bytes(path, encode_text(text, f"The text for {Path(path).name}"), private)


def atomic_write_json(path, data, private: bool = False) -> Path:
    return atomic_write_text(path, json_text(data), private)


def write_new(folder, names, data: bytes) -> Path:
    """Write `data` under the first name from the iterable `names` that is free in `folder`, never replacing a file.

    The content is written to a temporary file first and then linked to its name (link fails when the name is
    taken), so the new file appears complete or not at all. Where hard links are not supported, the file is created
    with O_EXCL instead. Raises StorageError.
    """
    folder = Path(folder)
    temp = None
    try:
        temp = _written_temp(folder, "new", data)
        for name in names:
            target = folder / name
            try:
                os.link(temp, target)
                return target
            except FileExistsError:
                continue
            except OSError as error:
                if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                    raise
                try:     # no hard links here: exclusive create, then write
                    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
                except FileExistsError:
                    continue
                with os.fdopen(descriptor, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                return target
        raise StorageError(f"Could not find a free file name in {folder}.")
    except StorageError:
        raise
    except OSError as error:
        raise StorageError(f"Could not write a new file in {folder}: {reason(error)}.") from error
    finally:
        if temp is not None:
            _unlink_quietly(temp)


def set_aside(path) -> Path:
    """Rename `path` to `<stem>.corrupt-<UTC timestamp>.json`, never over an existing file. Returns the new path.

    Raises StorageError when the folder cannot be changed (e.g. it is read-only).
    """
    path = Path(path)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    try:
        for attempt in range(1000):
            suffix = "" if attempt == 0 else f"-{attempt}"
            target = path.with_name(f"{path.stem}{CORRUPT_MARK}{stamp}{suffix}.json")
            try:
                os.link(path, target, follow_symlinks=False)   # fails if target exists, unlike os.rename
            except FileExistsError:
                continue
            except OSError as error:
                if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK) or target.exists():
                    raise
                os.rename(path, target)    # file systems without hard links
                return target
            os.unlink(path)
            return target
    except OSError as error:
        raise StorageError(f"Could not keep {path.name} aside: {reason(error)}.") from error
    raise StorageError(f"Could not find a free name to keep {path.name} aside.")


def clean_stale_temps(folder, older_than: float = 600.0, prefix: str = ".") -> int:
    """Delete temporary files (`.<name>.<random>.tmp`) left in `folder` by a writer that died more than
    `older_than` seconds ago. Returns how many were removed; never raises."""
    removed = 0
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime <= cutoff:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def _unlink_quietly(name) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def read_untrusted(path, limit: int, what: str = "file") -> str:
    """The text of `path`, read without trusting it. Raises UntrustedFileError with a plain reason when the path is a
    symlink, a FIFO, a device or a folder, is larger than `limit` bytes (at most limit + 1 bytes are ever read),
    cannot be read, or is not UTF-8. Raises FileNotFoundError when it does not exist."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP or os.path.islink(path):
            raise UntrustedFileError(f"it is a symbolic link, not a {what}: copy the real file here instead") \
                from None
        raise UntrustedFileError(f"it cannot be read: {read_reason(error, path)}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            kind = ("a folder" if stat.S_ISDIR(info.st_mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode)
                    else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                    else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
            raise UntrustedFileError(f"it is {kind}, not a {what}")
        if info.st_size > limit:
            raise UntrustedFileError(f"it is too large: {info.st_size:,} bytes, the limit is {limit:,} bytes")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:     # grew while being read, or the size it reported was wrong
            raise UntrustedFileError(f"it is too large: more than {limit:,} bytes")
        raw = b"".join(chunks)
    except OSError as error:
        raise UntrustedFileError(f"it cannot be read: {read_reason(error, path)}") from None
    finally:
        os.close(descriptor)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise UntrustedFileError(f"it is not UTF-8 text (byte 0x{raw[error.start]:02x} on line {line})") from None


def json_depth_problem(data, limit: int = MAX_JSON_DEPTH, strings: bool = True) -> str | None:
    """Why `data` (parsed JSON or YAML) is unusable as a whole: nested deeper than `limit`, or holding a lone
    surrogate (an escaped half emoji such as "\\ud800", which can be parsed but never written). None when it is
    fine. `strings=False` skips the surrogate check (when the text holds no such escape)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return f"it is nested more than {limit} levels deep (no file the kit writes is)"
        if isinstance(value, dict):
            for key, item in value.items():
                if strings and isinstance(key, str) and has_surrogate(key):
                    return f"a field name contains a broken character (half of an emoji): {_shown(key)}"
                if strings or isinstance(item, (dict, list)):
                    stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value if strings or isinstance(item, (dict, list)))
        elif strings and isinstance(value, str) and has_surrogate(value):
            return f"a text contains a broken character (half of an emoji): {_shown(value)}"
    return None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _shown(text: str) -> str:
    shown = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return repr(shown if len(shown) <= 40 else shown[:37] + "...")


def loads_untrusted(text: str):
    """json.loads for a file nobody vouches for: ValueError (plain words) instead of RecursionError, and a
    refusal of lone surrogates and of nesting deeper than MAX_JSON_DEPTH."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError(f"it is nested more than {MAX_JSON_DEPTH} levels deep (no file the kit writes is)") from None
    # Text that was decoded as strict UTF-8 can hold a lone surrogate only through a \\uD8xx-\\uDFxx escape.
    problem = json_depth_problem(data, strings=bool(_SURROGATE_ESCAPE.search(text)))
    if problem:
        raise ValueError(problem)
    return data
