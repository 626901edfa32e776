"""Reading text files in the encodings Chinese news copy comes in, and writing them back alike."""

from __future__ import annotations

import codecs
import functools
import os
import stat
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from glossary.errors import GlossaryError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM starts its own
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# a UTF-16 or UTF-32 file is named by its byte order, and written back in it, BOM first
_UNIT_BOMS = {encoding: bom for bom, encoding in _BOMS[1:]}
# Legacy encodings tried when a file is not UTF-8, simplified first (mainland copy is the norm).
BIG5 = "big5hkscs"
LEGACY_ENCODINGS = ("gb18030", BIG5, "cp950")  # cp950: Windows' Big5, with € and a few more
_BIG5_CODECS = (BIG5, "cp950")
# Python's Big5 codecs read the Taiwan name interpunct, Big5 A1 45, as U+2022 BULLET; Big5 (and
# cp950, and every Taiwan font) means U+2027 HYPHENATION POINT ‧, and so does decode().
_HAN = r"[\u4e00-\u9fff]"  # compiled on first use (only non-UTF-8 files need it)
# What a wrong legacy decoding produces and Chinese prose hardly has: kana, bopomofo, small form
# variants, box drawing, Greek and Cyrillic.
_MISREAD = re.compile(r"[\u0370-\u04ff\u2500-\u257f\u2700-\u27bf\u3040-\u312f\ufe30-\ufe6f\ue000-\uf8ff]")


class UnreadableFile(GlossaryError):
    """A file that is binary or in no encoding we can read: skipped with a warning."""


@dataclass(frozen=True)
class Decoded:
    """A file's text with what is needed to write it back the same way."""

    text: str
    encoding: str
    newline: str  # "\r\n" or "\n" (the first line end seen), "\n" for a file with none
    replaced: int = 0  # U+FFFD read for invalid UTF-8 (decode(lossy=True)): never written back


def decode(data: bytes, path: str | Path = "<bytes>", lossy: bool = False) -> Decoded:
    """Decode *data*: a BOM wins, then UTF-8, then GB18030 or Big5 by which reads as Chinese.

    With *lossy* (for reading only: the check), UTF-8 with a few invalid sequences is read
    with U+FFFD for each (``Decoded.replaced`` counts them) when no legacy encoding reads it
    better; without it, such a file is read as it always was (by a legacy encoding, or not at
    all), so that no reader whose text may be written back ever holds a U+FFFD it made."""
    if b"\x00" in data[:8192] and not data.startswith(tuple(_UNIT_BOMS.values())):
        raise UnreadableFile("binary file (NUL bytes), skipped", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                body = data if encoding == "utf-8-sig" else data[len(bom):]
                return _decoded(body.decode(encoding), encoding)
            except UnicodeDecodeError:
                break
    try:
        return _decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _chinese_score(text)
        if best is None or score > best[0]:
            best = (score, encoding, text)
    # UTF-8 with a few bytes that are not (a stray cp1252 quote pasted in, a last character
    # cut off): read, those bytes as U+FFFD, when that reads better than any legacy encoding
    if lossy:
        read = data.decode("utf-8", errors="replace")
        replaced = read.count("\ufffd")
        if replaced <= max(2, len(data) // 2000) and (best is None or _chinese_score(read) > best[0]):
            return _decoded(read, "utf-8", replaced)
    if best is None:
        raise UnreadableFile(
            "not UTF-8, GB18030 or Big5 text, skipped; convert it to UTF-8", path
        )
    text = best[2].replace("\u2022", "\u2027") if best[1] in _BIG5_CODECS else best[2]
    return _decoded(text, best[1])


def _chinese_score(text: str) -> float:
    """How much *text* looks like Chinese prose: the share of common CJK characters.

    A GB18030 file read as Big5 (or the reverse) decodes into rare characters and stray
    symbols; the right reading has mostly characters from the common range U+4E00–U+9FFF
    that OpenCC knows.
    """
    from glossary.scripts import script_only_characters

    han = re.findall(_HAN, text)
    if not text:
        return 0.0
    simplified, traditional = script_only_characters()
    frequent = _frequent()
    # a wrong reading gives rare characters, often of one script (陝嶺跡頗肅 for GBK's 阿拉格奇会见
    # read as Big5): frequent characters weigh most, so that a headline is read right too
    score = sum(4 if c in frequent else 1 if c in simplified or c in traditional else 0
                for c in han)
    return (len(han) + score - 4 * len(_MISREAD.findall(text))) / len(text)


@functools.lru_cache(maxsize=None)
def _frequent() -> frozenset[str]:
    """The frequent characters of news text, in both scripts."""
    from glossary.scripts import _char_tables

    s2t, _ = _char_tables()
    return _FREQUENT | {t for c in _FREQUENT for t in s2t.get(c, ())}


# The most frequent characters of Chinese news text (shared by both scripts).
_FREQUENT = frozenset(
    "的一是不了人在有我他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家"
    "学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见"
    "经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话"
    "儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真"
    "听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立"
    "马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制"
    "解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎"
    "元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武"
    "半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱"
    "党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯"
    "专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切府围朗伊核谈判协约导弹袭击制裁"
)


def _decoded(text: str, encoding: str, replaced: int = 0) -> Decoded:
    first = text.find("\n")
    newline = "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"
    return Decoded(text, encoding, newline, replaced)


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, with the errors :func:`read_text` gives."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        raise GlossaryError("is a folder, not a file", path) from None
    except FileNotFoundError:
        raise GlossaryError("no such file or folder", path) from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror}, skipped", path) from None


def read_text(path: str | Path, lossy: bool = False) -> Decoded:
    """Read and decode one text file (line ends kept as they are; *lossy*: see decode)."""
    return decode(read_bytes(path), path, lossy)


def encode(text: str, encoding: str) -> bytes:
    """Encode *text* for writing back in the file's own *encoding* (BOM kept where it was)."""
    if encoding in _BIG5_CODECS:
        text = text.replace("\u2027", "\u2022")  # back to Big5's A1 45 (see decode)
    if encoding in _UNIT_BOMS:
        return _UNIT_BOMS[encoding] + text.encode(encoding)
    return text.encode(encoding)


@contextmanager
def atomic_file(path: str | Path, encoding: str | None = None,
                errors: str = "strict") -> Iterator[IO]:
    """A file to write that replaces *path* atomically when the block ends without error.

    The data goes to a temporary file in the same folder, is flushed and fsynced, then renamed
    over *path*. An existing file keeps its mode (a symlink is followed and its target
    replaced); a new file gets the usual 0666 minus the umask. On any failure the temporary
    file is removed and *path* is untouched. Binary unless *encoding* is given. A pipe or a
    device (``-o /dev/null``) is written into as it is. *errors*: as :func:`open` takes it.
    """
    target = Path(os.path.realpath(path))
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        # a pipe or a device (/dev/null, /dev/stdout) is written into, never replaced by a
        # regular file (which, run as root, would take /dev/null's place)
        with (open(target, "wb") if encoding is None
              else open(target, "w", encoding=encoding, errors=errors, newline="")) as handle:
            yield handle
        return
    if status is not None:
        mode = status.st_mode & 0o7777
    else:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        if encoding is None:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, errors=errors, newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError:
        pass


def write_atomic(path: str | Path, data: bytes) -> None:
    """Replace *path* with *data* atomically (see :func:`atomic_file`)."""
    with atomic_file(path) as handle:
        handle.write(data)
