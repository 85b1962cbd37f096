"""The `textdiff` command line: a thin layer that composes the four packages, prints and exits.

Exit codes follow diff(1): 0 success, 1 only for ``compare --exit-code`` when the versions differ, 2 for
usage errors and bad input (one line on stderr, no traceback), 130 on Ctrl-C.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from corpus.errors import TextdiffError

F = TypeVar("F", bound=Callable[..., Any])

EPILOG_PARSE = """\b
Examples:
  textdiff parse A-RES-75-240.txt
  textdiff parse report.txt --format json -o report.json
  textdiff parse 'report.txt#2'
"""


def _out(text: str | bytes, output: str | None) -> None:
    """Write data to ``output`` (a file) or to stdout."""
    if output and output != "-":
        try:
            if isinstance(text, bytes):
                Path(output).write_bytes(text)
            else:
                Path(output).write_text(text, encoding="utf-8")
        except OSError as e:
            raise TextdiffError(f"{output}: cannot write: {e.strerror}") from e
        return
    if isinstance(text, bytes):
        sys.stdout.buffer.write(text)
    else:
        sys.stdout.write(text)
    sys.stdout.flush()


def _warn(message: str, quiet: bool = False) -> None:
    if not quiet:
        click.echo(f"textdiff: warning: {message}", err=True)


output_option = click.option("-o", "--output", metavar="OUT", help="Write to OUT instead of standard output.")


def suffix_format_option(*choices: str) -> Callable[[F], F]:
    """The ``--format`` option of a command whose default format comes from the ``-o`` file's extension."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        help="Output format (default: from the -o extension, else text).",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="textdiff", prog_name="textdiff")
def cli() -> None:
    """Tell the drafting history of UN resolutions: parse, compare, votes.

    \b
    Examples:
      textdiff parse A-RES-75-240.txt
      textdiff compare A-RES-74-29.txt A-RES-75-240.txt -o diff.md --format md
    """


@cli.command(epilog=EPILOG_PARSE)
@click.argument("file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "akn"]),
    default="text",
    show_default=True,
    help="akn: Akoma Ntoso XML (AKN4UN) of one document.",
)
@output_option
@click.option(
    "--tracked",
    type=click.Choice(["refuse", "accept", "reject"]),
    default="refuse",
    show_default=True,
    help="A .docx with tracked changes: refuse it, or read it with all changes accepted/rejected.",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not report unplaced text on stderr.")
def parse(file: str, fmt: str, output: str | None, tracked: str, quiet: bool) -> None:
    """Print the documents and paragraphs found in FILE ('-' for standard input; PATH#N picks one)."""
    import corpus
    from corpus.serialize import dump_json, parse_to_dict

    path, selector = corpus.split_address(file)
    docs = _load_with(path, tracked)
    if selector is not None:
        docs = [corpus.select_document(docs, selector, path)]
    if fmt == "akn":
        from reports.akn import render_akn

        if len(docs) != 1:
            raise click.UsageError(
                f"--format akn writes one document; {path} holds {len(docs)}: give {path}#N"
            )
        _out(render_akn(docs[0]), output)
        return
    for d in docs:
        for u in d.unplaced:
            _warn(f"{path}:{u.line}: could not place ({u.reason}): {u.text[:80]}", quiet)
    if fmt == "json":
        _out(dump_json(parse_to_dict(docs)), output)
    else:
        _out(_parse_text(docs), output)


def _load_with(path: str, tracked: str) -> list[Any]:
    import corpus

    if tracked == "refuse":
        return corpus.load(path)
    import corpus.loaders.docx as docx_loader

    previous = docx_loader.TRACKED_CHANGES
    docx_loader.TRACKED_CHANGES = tracked
    try:
        return corpus.load(path)
    finally:
        docx_loader.TRACKED_CHANGES = previous


def _parse_text(docs: list[Any]) -> str:
    lines: list[str] = []
    for d in docs:
        head = " — ".join(x for x in (d.symbol or d.label or d.name, d.kind, d.organ, d.date) if x)
        lines.append(f"#{d.position} {head}")
        if d.title:
            lines.append(f"   {d.title}")
        lines.append(f"   {len(d.preambular)} preambular, {len(d.operative)} operative paragraphs")
        for p in d.paragraphs:
            if p.heading:
                lines.append(f"   [{p.heading}]")
            lead = f"{p.lead}" if p.lead else "-"
            text = p.text if len(p.text) <= 100 else p.text[:97] + "..."
            lines.append(f"   {p.id:<7} {lead:<22} {text}")
            for s in p.subparagraphs:
                st = s.text if len(s.text) <= 90 else s.text[:87] + "..."
                lines.append(f"     {s.id:<9} {st}")
        if d.closing:
            lines.append(f"   {d.closing}")
        for u in d.unplaced:
            lines.append(f"   unplaced (line {u.line}, {u.reason}): {u.text[:80]}")
        lines.append("")
    return "\n".join(lines)


EPILOG_COMPARE = """\b
Examples:
  textdiff compare A-RES-74-29.txt A-RES-75-240.txt -o diff.html
  textdiff compare 'A-77-380.txt#1' A-RES-77-36.txt --format json
  textdiff compare OLD.txt 'report.txt#"Draft resolution I"' --votes report.txt -o out.html
  textdiff compare a.txt b.txt --exit-code --format text >/dev/null || echo changed
"""

_SUFFIX_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".md": "md",
    ".docx": "docx",
    ".txt": "text",
}


def _pick_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    if output and output != "-":
        return _SUFFIX_FORMATS.get(Path(output).suffix.lower(), "html")
    return "text"


def _load_one(spec: str) -> Any:
    import corpus

    return corpus.load_document(spec)


@cli.command(epilog=EPILOG_COMPARE)
@click.argument("old")
@click.argument("new")
@click.option(
    "--votes", "votes_path", metavar="REPORT", help="Committee report whose separate votes to attach to NEW."
)
@suffix_format_option("html", "json", "md", "text", "docx")
@output_option
@click.option("--exit-code", is_flag=True, help="Exit 1 when the versions differ, 0 when they do not.")
@click.option("--ignore-case", is_flag=True, help="Treat words that differ only in case as equal.")
@click.option("--ignore-punctuation", is_flag=True, help="Treat changed punctuation as equal.")
@click.option("--no-nlp", is_flag=True, help="Skip the language layer (verb strength, hedges, formulas).")
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
def compare(
    old: str,
    new: str,
    votes_path: str | None,
    fmt: str | None,
    output: str | None,
    exit_code: bool,
    ignore_case: bool,
    ignore_punctuation: bool,
    no_nlp: bool,
    quiet: bool,
) -> None:
    """Compare two versions of a resolution: aligned paragraphs, word diffs, classified changes (technical,
    lead changed, substantive; with the language layer also verb made stronger or weaker, hedge and
    agreed formula added or removed).

    OLD and NEW are files ('-' for standard input); PATH#N picks a document of a committee report.
    """
    import textdiff

    fmt = _pick_format(fmt, output)
    old_doc, new_doc = _load_one(old), _load_one(new)
    actions, shifts = _votes_for(new_doc, votes_path, quiet)
    # The language layer imports spaCy (about a second); a plain text diff for a script does not need it.
    use_nlp = not no_nlp and fmt != "text"
    annotators = _annotators() if use_nlp else []
    comparison = textdiff.compare(
        old_doc,
        new_doc,
        votes=actions,
        annotators=annotators,
        ignore_case=ignore_case,
        ignore_punctuation=ignore_punctuation,
    )
    highlights = _highlights(old_doc, new_doc) if use_nlp and fmt == "html" else None
    _out(_render_comparison(comparison, fmt, shifts, highlights), output)
    if exit_code and comparison.differs:
        raise click.exceptions.Exit(1)


def _annotators() -> list[Any]:
    from nlp.annotate import make_annotators

    return make_annotators()


def _highlights(old_doc: Any, new_doc: Any) -> dict[tuple[str, str], list[Any]]:
    """Tagged phrases to mark in the HTML: agreed formulas and hedges (leads are set in italics anyway)."""
    from nlp.annotate import highlight_spans
    from reports.html import Span

    out: dict[tuple[str, str], list[Any]] = {}
    for side, doc in (("old", old_doc), ("new", new_doc)):
        for pid, spans in highlight_spans(doc).items():
            marks = [
                Span(s, e, "phrase", label) for s, e, kind, label in spans if kind in ("formula", "hedge")
            ]
            if marks:
                out[side, pid] = marks
    return out


def _votes_for(new_doc: Any, votes_path: str | None, quiet: bool) -> tuple[list[Any], dict[str, Any] | None]:
    if not votes_path:
        return [], None
    from corpus.report import load_report, vote_shifts

    report = load_report(votes_path)
    proposal = _match_proposal(report, new_doc)
    if proposal is None:
        _warn(f"{votes_path}: no proposal matches {new_doc.name}; no votes attached", quiet)
        return [], None
    for w in report.warnings:
        _warn(w, quiet)
    return list(proposal.actions), vote_shifts(proposal)


def _match_proposal(report: Any, doc: Any) -> Any:
    def norm(s: str | None) -> str:
        return " ".join((s or "").split()).casefold()

    by_label = [p for p in report.proposals if doc.label and norm(p.recommended_as) == norm(doc.label)]
    if len(by_label) == 1:
        return by_label[0]
    by_title = [p for p in report.proposals if doc.title and norm(p.title) == norm(doc.title)]
    if len(by_title) == 1:
        return by_title[0]
    if len(report.proposals) == 1 and not doc.label:
        return report.proposals[0]
    return None


def _render_comparison(
    comparison: Any, fmt: str, shifts: dict[str, Any] | None, highlights: dict[Any, Any] | None = None
) -> str | bytes:
    if fmt == "json":
        from reports.jsonout import render_json

        return render_json(comparison)
    if fmt == "md":
        from reports.markdown import render_markdown

        return render_markdown(comparison)
    if fmt == "html":
        from reports.html import render_html

        return render_html(comparison, shifts=shifts, highlights=highlights)
    if fmt == "docx":
        from reports.docx import render_docx

        return render_docx(comparison)
    from reports.textout import render_text

    return render_text(comparison)


EPILOG_HISTORY = """\b
Examples:
  textdiff history A-RES-73-27.txt A-RES-74-29.txt A-RES-75-240.txt -o history.html
  textdiff history v1.txt v2.txt v3.txt --format json
"""


@cli.command(epilog=EPILOG_HISTORY)
@click.argument("versions", nargs=-1, required=True)
@suffix_format_option("html", "json", "text")
@output_option
def history(versions: tuple[str, ...], fmt: str | None, output: str | None) -> None:
    """Which version each span of the last version first appeared in (V1 … Vn, oldest first)."""
    import textdiff

    if len(versions) < 2:
        raise click.UsageError("history needs at least two versions, oldest first")
    fmt = _pick_format(fmt, output)
    docs = [_load_one(v) for v in versions]
    result = textdiff.trace_history(docs)
    if fmt == "json":
        from reports.jsonout import render_json

        _out(render_json(result), output)
    elif fmt == "html":
        from reports.html import render_history_html

        _out(render_history_html(result), output)
    else:
        _out(_history_text(result), output)


def _history_text(result: Any) -> str:
    lines = [
        "Versions: "
        + ", ".join(f"[{i}] {d.name} ({d.date or 'no date'})" for i, d in enumerate(result.versions)),
        "",
    ]
    for pid, segs in result.paragraphs:
        lines.append(f"{pid}: " + "".join(s.text if s.since == 0 else f"[{s.since}:{s.text}]" for s in segs))
    return "\n".join(lines) + "\n"


EPILOG_PHRASES = """\b
Examples:
  textdiff phrases A-RES-75-240.txt
  textdiff phrases resolutions/ --top 30
  textdiff phrases resolutions/ --format json -o phrases.json
"""


@cli.command(epilog=EPILOG_PHRASES)
@click.argument("target")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--top",
    type=click.IntRange(1, 10_000),
    default=50,
    show_default=True,
    help="For a folder: how many recurring phrases to list.",
)
@output_option
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
def phrases(target: str, fmt: str, top: int, output: str | None, quiet: bool) -> None:
    """Tagged phrases of a FILE (leads and their strength, hedges, references, agreed formulas), or the
    recurring phrases of a folder of resolutions (DIR), ranked, with their variants."""
    from corpus.serialize import SCHEMA_VERSION, dump_json

    if Path(target).is_dir():
        from corpus.series import load_directory
        from nlp.phrases import discover_phrases, phrases_to_dict

        docs, failed = load_directory(target)
        for f in failed:
            _warn(f"skipped: {f}", quiet)
        found = discover_phrases(docs, top=top)
        if fmt == "json":
            _out(dump_json(phrases_to_dict(found)), output)
        else:
            lines = [f"{len(found)} recurring phrases in {len(docs)} documents (score, documents, series):"]
            for p in found:
                variants = f"  [{' | '.join(p.variants)}]" if p.variants else ""
                lines.append(f"  {p.score:8.1f} {p.doc_freq:4} {p.series_freq:4}  {p.text}{variants}")
            _out("\n".join(lines) + "\n", output)
        return
    import corpus
    from nlp.phrases import tag_document

    path, selector = corpus.split_address(target)
    docs = corpus.load(path)
    if selector is not None:
        docs = [corpus.select_document(docs, selector, path)]
    tagged = [tag_document(d) for d in docs]
    if fmt == "json":
        documents = [{k: v for k, v in t.items() if k != "schema_version"} for t in tagged]
        _out(dump_json({"schema_version": SCHEMA_VERSION, "documents": documents}), output)
        return
    lines = []
    for t in tagged:
        lines.append(t["document"]["name"])
        for row in t["paragraphs"]:
            found_here = [f"{p['kind']}: {p['text']}" for p in row["phrases"]]
            if found_here:
                lines.append(f"  {row['id']:<7} " + "; ".join(found_here))
        lines.append("")
    _out("\n".join(lines), output)


def _progress(quiet: bool) -> Any:
    """A rich progress bar on stderr: transient, no animation when stderr is not a terminal, NO_COLOR kept."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    )


EPILOG_INDEX = """\b
Examples:
  textdiff index resolutions/
  textdiff index resolutions/ --store un.db
  textdiff index resolutions/ --store un.db --engine dask --scheduler tcp://10.0.0.5:8786
"""

DEFAULT_STORE = "textdiff-store.db"


@cli.command(epilog=EPILOG_INDEX)
@click.argument("directory")
@click.option(
    "--store",
    "store_path",
    metavar="PATH",
    default=DEFAULT_STORE,
    show_default=True,
    help="The SQLite store to create or bring up to date (only new or changed files are read).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: parse in Dask workers (pip install 'textdiff[distributed]').",
)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or warnings on stderr.")
def index(directory: str, store_path: str, engine: str, scheduler: str | None, quiet: bool) -> None:
    """Index a folder of resolutions into an embedded store, for lineage queries."""
    from textdiff.indexing import index_corpus

    with _progress(quiet) as bar:
        task = bar.add_task("indexing", total=None)

        def progress(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(path).name[:30])

        result = index_corpus(directory, store_path, engine=engine, scheduler=scheduler, progress=progress)
    for path, message in result.failed:
        _warn(f"{path}: not indexed: {message}", quiet)
    if not quiet:
        click.echo(f"textdiff: {store_path}: {result.summary()}", err=True)


EPILOG_LINEAGE = """\b
Examples:
  textdiff lineage "community of shared future for humankind" --corpus resolutions/
  textdiff lineage "voluntary, non-binding norms" --store un.db --format json
  textdiff lineage --paragraph 'A-77-380.txt#1:pp2' --store un.db
"""


@cli.command(epilog=EPILOG_LINEAGE)
@click.argument("phrase", required=False)
@click.option("--corpus", "corpus_dir", metavar="DIR", help="Folder of resolutions (indexed on the fly).")
@click.option("--store", "store_path", metavar="PATH", help="A store built by `textdiff index`.")
@click.option(
    "--paragraph", metavar="FILE#N:ID", help="Find the earlier paragraphs this one reuses text from."
)
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="With --paragraph: how many ancestors.",
)
@suffix_format_option("text", "json", "html")
@output_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar on stderr.")
def lineage(
    phrase: str | None,
    corpus_dir: str | None,
    store_path: str | None,
    paragraph: str | None,
    limit: int,
    fmt: str | None,
    output: str | None,
    quiet: bool,
) -> None:
    """Every occurrence of PHRASE and its variants in a corpus, in date order, and its first appearance;
    or, with --paragraph, the nearest earlier paragraphs a paragraph reuses."""
    from corpus.serialize import SCHEMA_VERSION, dump_json
    from nlp.lineage import ancestors_of, trace_phrase
    from textdiff.indexing import open_store

    if (phrase is None) == (paragraph is None):
        raise click.UsageError("give a PHRASE or --paragraph FILE#N:ID (one of the two)")
    if phrase is not None and not phrase.strip():
        raise click.UsageError("the phrase is empty")
    fmt = _pick_format(fmt, output)
    if fmt == "docx":
        fmt = "html"
    with _progress(quiet) as bar:
        task = bar.add_task("indexing", total=None)

        def progress(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(path).name[:30])

        store = open_store(corpus=corpus_dir, store=store_path, progress=progress)
    with store:
        if paragraph is not None:
            doc, pid, found = ancestors_of(store, paragraph, limit=limit)
            data = {
                "schema_version": SCHEMA_VERSION,
                "paragraph": {
                    "document": doc.name,
                    "symbol": doc.symbol,
                    "date": doc.date,
                    "id": pid,
                    "text": doc.paragraph(pid).text,
                },
                "ancestors": [a.to_dict() for a in found],
            }
            if fmt == "json":
                _out(dump_json(data), output)
            elif fmt == "html":
                from reports.html import render_ancestry_html

                _out(render_ancestry_html(data), output)
            else:
                lines = [f"{doc.name} {pid}: {len(found)} earlier paragraphs reuse its text"]
                for a in found:
                    lines.append(
                        f"  {a.date or '—':10} {a.symbol or a.document} {a.paragraph:<6} "
                        f"similarity {a.similarity:.2f} containment {a.containment:.2f}"
                    )
                _out("\n".join(lines) + "\n", output)
            return
        assert phrase is not None
        result = trace_phrase(store, phrase)
    if fmt == "json":
        _out(dump_json(result.to_dict()), output)
    elif fmt == "html":
        from reports.html import render_lineage_html

        _out(render_lineage_html(result.to_dict()), output)
    else:
        data = result.to_dict()
        first = data["first"]
        lines = [
            f"“{phrase}”: {len(data['occurrences'])} occurrences"
            + (f"; first {first['symbol']} {first['paragraph']} ({first['date']})" if first else "")
        ]
        for o in data["occurrences"]:
            kind = "exact  " if o["exact"] else f"variant {o['similarity']:.2f}"
            lines.append(
                f"  {o['date'] or '—':10} {o['symbol'] or o['document']:<22} {o['paragraph']:<6} {kind}  "
                f"{o['match']}"
            )
        _out("\n".join(lines) + "\n", output)


EPILOG_VOTES = """\b
Examples:
  textdiff votes A-77-380.txt
  textdiff votes A-77-391.txt --format json -o votes.json
"""


@cli.command(epilog=EPILOG_VOTES)
@click.argument("report")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@output_option
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
def votes(report: str, fmt: str, output: str | None, quiet: bool) -> None:
    """Sponsors and actions (recorded votes, separate votes, amendments) of every proposal in a committee
    report ('-' for standard input)."""
    from corpus.report import format_report_text, load_report, report_to_dict
    from corpus.serialize import dump_json

    result = load_report(report)
    for w in result.warnings:
        _warn(w, quiet)
    _out(dump_json(report_to_dict(result)) if fmt == "json" else format_report_text(result), output)


EPILOG_REPORT = """\b
Examples:
  textdiff report A-77-380.txt -o A-77-380.html
  textdiff report A-77-380.txt --corpus resolutions/ -o A-77-380.html
"""


@cli.command(epilog=EPILOG_REPORT)
@click.argument("report")
@click.option(
    "--corpus",
    "corpus_dir",
    metavar="DIR",
    help="Folder of earlier resolutions: each draft is compared with the previous version found there.",
)
@output_option
@click.option("--no-nlp", is_flag=True, help="Skip the language layer (verb strength, hedges, formulas).")
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
def report(report: str, corpus_dir: str | None, output: str | None, no_nlp: bool, quiet: bool) -> None:
    """The whole committee report as annotated HTML: each draft, its sponsors and votes, contested
    paragraphs, and (with --corpus) its diff against the previous version of the same resolution."""
    import corpus
    import textdiff
    from corpus.report import load_report, vote_shifts
    from corpus.series import find_previous, load_directory
    from reports.html import ProposalView, render_report_html

    parsed = load_report(report)
    for w in parsed.warnings:
        _warn(w, quiet)
    drafts = corpus.load(report)
    candidates: list[Any] = []
    if corpus_dir:
        candidates, failed = load_directory(corpus_dir)
        for f in failed:
            _warn(f"skipped: {f}", quiet)
    annotators = _annotators() if candidates and not no_nlp else []
    views = []
    for proposal in parsed.proposals:
        doc = next(
            (
                d
                for d in drafts
                if d.label
                and proposal.recommended_as
                and d.label.casefold() == proposal.recommended_as.casefold()
            ),
            None,
        )
        comparison = None
        highlights = None
        if doc is not None and candidates:
            previous = find_previous(doc, candidates)
            if previous is not None:
                comparison = textdiff.compare(previous, doc, votes=proposal.actions, annotators=annotators)
                highlights = _highlights(previous, doc) if annotators else None
            else:
                _warn(f"{report}: no earlier version of {doc.label} in {corpus_dir}", quiet)
        views.append(ProposalView(proposal, doc, comparison, vote_shifts(proposal), highlights))
    _out(render_report_html(parsed, views), output)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (also used by ``python -m textdiff``)."""
    try:
        rv = cli.main(args=argv, prog_name="textdiff", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("textdiff: interrupted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("textdiff: interrupted", err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return 2 if e.exit_code not in (0, 1) else e.exit_code
    except click.exceptions.Exit as e:
        return int(e.exit_code)
    except TextdiffError as e:
        click.echo(f"textdiff: error: {e}", err=True)
        return 2
    except BrokenPipeError:
        # The reader went away (`textdiff parse x | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except RecursionError as e:
        click.echo(f"textdiff: error: input too deeply nested: {e}", err=True)
        return 2
    except MemoryError:
        click.echo("textdiff: error: out of memory; the input is too large", err=True)
        return 2
    except Exception as e:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        if os.environ.get("TEXTDIFF_DEBUG"):
            raise
        click.echo(
            f"textdiff: internal error: {type(e).__name__}: {e}. This is a bug in textdiff; "
            "rerun with TEXTDIFF_DEBUG=1 for the traceback and report it",
            err=True,
        )
        return 2
    return int(rv or 0)
