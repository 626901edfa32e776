"""The check: find every glossary term in the given texts and report each inconsistency.

``check_paths(glossary, ["seeds/"])`` is what ``glossary check`` calls; ``check_text`` checks
one string. Texts are read one at a time and dropped after their rules have run; only the
compact per-entry counts the corpus rule and ``--stats`` need are kept.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from typing import Callable, Iterable

from glossary import rules as rule_registry
from glossary.document import Document
from glossary.errors import GlossaryError
from glossary.findings import SEVERITY_RANK, Finding
from glossary.gcpause import paused
from glossary.matcher import Matcher, get_matcher
from glossary.model import Glossary
from glossary.paths import BILINGUAL_SUFFIXES, collect_paths
from glossary.reader import Decoded, UnreadableFile, read_text
from glossary.rules import inconsistent_forms
from glossary.scripts import TRADITIONAL, prefer_vectorized, region_setting

_MANY_FILES = 32  # above this, script counting uses NumPy for small texts too



@dataclass
class CheckOptions:
    """What to check and how findings are graded."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    use_cache: bool = True
    stats: bool = False  # count every entry's forms per file (for --stats)
    languages: dict[str, str] = field(default_factory=dict)  # [tool.glossary.languages]
    # names' separator in traditional documents; None: ‧ where a document writes it more often
    traditional_interpunct: str | None = None
    jobs: int = 1  # worker processes for a large run; 0: one per core (glossary.parallel)
    # whose forms traditional documents write: "auto" (read from each), "taiwan", "hong-kong"
    traditional_region: str = "auto"


@dataclass
class FileReport:
    """What was learnt about one checked file besides its findings."""

    path: str
    encoding: str
    newline: str
    script: str
    simplified_chars: int
    traditional_chars: int
    lines: int
    terms: int
    kind: str = "text"  # text or bilingual
    replaced: int = 0  # invalid UTF-8 sequences, read as U+FFFD (see reader.decode)
    region: str | None = None  # a traditional document's: taiwan or hong-kong (Document.region)


@dataclass
class CheckResult:
    """Everything a reporter needs: findings, per-file facts, skipped files and term counts."""

    findings: list[Finding] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, what): checked anyway
    # entry id → spelling → file → count (with CheckOptions.stats, for --stats)
    usage: dict[str, dict[str, Counter]] = field(default_factory=dict)

    def count_at_or_above(self, severity: str) -> int:
        floor = SEVERITY_RANK[severity]
        return sum(1 for f in self.findings if SEVERITY_RANK[f.severity] >= floor)


class Checker:
    """Runs the enabled rules over documents and keeps what the corpus rule needs."""

    def __init__(self, glossary: Glossary, options: CheckOptions | None = None,
                 matcher: Matcher | None = None):
        self.glossary = glossary
        self.options = options or CheckOptions()
        self.matcher = matcher or get_matcher(glossary, self.options.use_cache)
        self.enabled = rule_registry.enabled_codes(self.options.select, self.options.ignore)
        self.document_rules = [r for r in rule_registry.DOCUMENT_RULES if r.RULE.code in self.enabled]
        readers = [r.wants for r in rule_registry.DOCUMENT_RULES if hasattr(r, "wants")]
        # Only the matches the enabled rules read are built (all of them: the default tests).
        wanted = tuple(r.wants for r in self.document_rules if hasattr(r, "wants"))
        self._wants = None if len(wanted) == len(readers) else wanted
        self._interpuncts = {TRADITIONAL: self.options.traditional_interpunct}
        self._region = region_setting(self.options.traditional_region, "the traditional region")
        self.collect_corpus = inconsistent_forms.RULE.code in self.enabled
        self.result = CheckResult()
        self._uses = inconsistent_forms.CorpusUses()

    def check_document(self, path: str, decoded: Decoded) -> Document:
        doc = Document.scan(path, decoded, self.matcher, self._wants, self._interpuncts,
                            self._region)
        findings = self.result.findings
        for rule in self.document_rules:
            findings.extend(self._graded(rule.check(doc)))
        if self.collect_corpus:
            self._uses.add(doc)
        if self.options.stats:
            self._count_usage(doc)
        p = doc.profile
        self.result.files.append(FileReport(
            path, decoded.encoding, decoded.newline, p.script, p.simplified, p.traditional,
            doc.text.count("\n") + (1 if doc.text and not doc.text.endswith("\n") else 0),
            len(doc.hits), replaced=decoded.replaced, region=doc.region))
        if decoded.replaced:
            line = doc.text.count("\n", 0, doc.text.find("\ufffd")) + 1
            many = decoded.replaced > 1
            self.result.warnings.append((f"{path}:{line}", (
                f"{decoded.replaced} invalid UTF-8 sequence{'s' if many else ''} (the first "
                f"here) read as U+FFFD; the rest of the file is checked, and --fix leaves it "
                f"alone")))
        return doc

    def _count_usage(self, doc: Document) -> None:
        usage = self.result.usage
        patterns, entries = self.matcher.patterns, self.glossary.entries
        for number, count in doc.pattern_counts.items():
            p = patterns[number]
            forms = usage.setdefault(entries[p.entry].id, {})
            forms.setdefault(p.text, Counter())[doc.path] += count

    def check_bilingual(self, path: str) -> None:
        from glossary import bilingual
        from glossary.langtags import resolve

        langs = resolve(config=self.options.languages)
        findings = bilingual.check_file(path, self.glossary, langs)
        wanted = [f for f in findings if f.code in self.enabled]
        self.result.findings.extend(self._graded(wanted))
        self.result.files.append(FileReport(path, "utf-8", "\n", "n/a", 0, 0, 0, 0, "bilingual"))

    def check_file(self, path: Path) -> None:
        name = str(path)
        try:
            if name.lower().endswith(BILINGUAL_SUFFIXES):
                self.check_bilingual(name)
            else:
                self.check_document(name, read_text(path, lossy=True))
        except UnreadableFile as skipped:
            self.result.skipped.append((name, skipped.message))
        except GlossaryError:
            if Path(name).exists():
                raise
            # removed since the folder was walked (an editor's temporary file): not there to check
            self.result.skipped.append((name, "removed during the check"))

    def finish(self) -> CheckResult:
        if self.collect_corpus:
            self.result.findings.extend(self._graded(inconsistent_forms.check_corpus(
                self._uses.forms(), self.glossary)))
        self.result.findings.sort(key=attrgetter("path", "line", "column", "code"))
        return self.result

    def _graded(self, findings: Iterable[Finding]) -> Iterable[Finding]:
        overrides = self.options.severity
        if not overrides:
            return findings
        return self._regraded(findings, overrides)

    @staticmethod
    def _regraded(findings: Iterable[Finding], overrides: dict[str, str]) -> Iterable[Finding]:
        for finding in findings:
            level = overrides.get(finding.code)
            yield replace(finding, severity=level) if level and level != finding.severity else finding


def check_paths(glossary: Glossary, paths: Iterable[str], options: CheckOptions | None = None,
                progress: Callable[[int, int, str], None] | None = None) -> CheckResult:
    """Check every file that *paths* name; *progress* is told (done, total, path) per file
    (per batch of files when they are checked in worker processes: ``options.jobs``)."""
    options = options or CheckOptions()
    files = collect_paths(paths, options.include, options.exclude)
    many = len(files) > _MANY_FILES
    if many:
        prefer_vectorized()
    checker = Checker(glossary, options)
    workers = 1
    if options.jobs != 1 and len(files) > 1:
        from glossary import parallel

        sizes = [_size(path) for path in files]
        workers = parallel.worker_count(options.jobs, sizes)
    # A large corpus yields hundreds of thousands of findings and counters, none of them in a
    # reference cycle; the cyclic collector would re-traverse them all again and again.
    with paused():
        if workers > 1:
            parallel.check_in_workers(checker, files, sizes, workers, progress, many)
            return checker.finish()
        for number, path in enumerate(files, 1):
            checker.check_file(path)
            if progress:
                progress(number, len(files), str(path))
        return checker.finish()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone or unreadable: its own check says so when its turn comes


def check_text(glossary: Glossary, text: str, path: str = "<text>",
               options: CheckOptions | None = None) -> list[Finding]:
    """The findings for one text given as a string."""
    checker = Checker(glossary, options)
    checker.check_document(path, Decoded(text, "utf-8", "\n"))
    return checker.finish().findings
