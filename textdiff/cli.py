"""The `textdiff` command line: a thin layer that composes the four packages, prints and exits.

Exit codes follow diff(1): 0 success, 1 only for ``compare --exit-code`` when the versions differ, 2 for
usage errors and bad input (one line on stderr, no traceback), 130 on Ctrl-C.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
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
        mode = "wb" if isinstance(text, bytes) else "w"
        try:
            with open(output, mode, **({} if isinstance(text, bytes) else {"encoding": "utf-8"})) as fh:
                fh.write(text)
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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", metavar="OUT", help="Write to OUT instead of standard output.")
@click.option("-q", "--quiet", is_flag=True, help="Do not report unplaced text on stderr.")
def parse(file: str, fmt: str, output: str | None, quiet: bool) -> None:
    """Print the documents and paragraphs found in FILE ('-' for standard input; PATH#N picks one)."""
    import corpus
    from corpus.serialize import dump_json, parse_to_dict

    path, selector = corpus.split_address(file)
    docs = corpus.load(path)
    if selector is not None:
        docs = [corpus.select_document(docs, selector, path)]
    for d in docs:
        for u in d.unplaced:
            _warn(f"{path}:{u.line}: could not place ({u.reason}): {u.text[:80]}", quiet)
    if fmt == "json":
        _out(dump_json(parse_to_dict(docs)), output)
    else:
        _out(_parse_text(docs), output)


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

