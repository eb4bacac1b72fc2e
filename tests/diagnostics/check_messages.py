#!/usr/bin/env python3
# check_messages.py - report_invalid calls stay on one line; docs/errors.md quotes the headers as they are.
# SPDX-License-Identifier: MIT
"""Checks what keeps rnnparams's compile-time errors readable (tests/diagnostics/README.md):

1. every call report_invalid(who, "message") in include/rnnparams/**/*.hpp is on one line: a compiler
   quotes only the line of the call, so a message on the next line is not in the error;
2. every header line that docs/errors.md quotes from a compiler (a location such as
   include/rnnparams/x.hpp:16:5 followed by its source line "   16 |     report_invalid(...)") is still
   that line of the header; locations without a quoted line are checked through a quoted one of the same
   line, and "In file included from x.hpp:6" must still be the #include of the header that follows.

    python3 tests/diagnostics/check_messages.py [--root DIR] [--update]

--update rewrites docs/errors.md's stale line numbers, columns, gutters and quoted lines, finding each
quoted line in its header by its text, which must occur there exactly once. Exit status 1 when a check
fails (with --update: when a call spans lines or a reference could not be updated).
"""
import argparse
import re
import sys
from pathlib import Path

CALL = re.compile(r"\breport_invalid\s*\(")
DECLARATION = re.compile(r"\bvoid\s+$")  # the function's own declaration in detail/report.hpp
HEADER = r"include/rnnparams/[\w/.-]+\.hpp"
REF = re.compile(rf"({HEADER}):(\d+)(?::(\d+))?")
GUTTER = re.compile(r"^( *)(\d+) \|(?: (.*))?$")  # "   16 |     report_invalid(who, ...);"
CARET = re.compile(r"^( *)\|(.*)$")  # "      |     ~~~~~~~~~~~~~~^~~~~~"
INCLUDED_FROM = re.compile(rf"^(In file included from|\s+from) \S*?{HEADER}:\d+[,:]$")
LOCATION = re.compile(rf"^\S*?({HEADER}):\d+:\d+: (?:fatal )?(?:error|warning|note):")
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
RAW_PREFIXES = {"R", "u8R", "uR", "UR", "LR"}
RAW_OPEN = re.compile(r'([^()\\\s]{0,16})\(')


def mask(text):
    """The text with comments blanked and the contents of literals replaced by '_' (newlines kept)."""
    out = list(text)

    def fill(begin, end, char):
        for k in range(begin, end):
            if out[k] != "\n":
                out[k] = char

    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            fill(i, end, " ")
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            fill(i, end, " ")
            i = end
        elif c == '"' and re.search(r"\w*$", text[max(0, i - 4):i]).group() in RAW_PREFIXES:
            delimiter = RAW_OPEN.match(text, i + 1)
            close = ")" + (delimiter.group(1) if delimiter else "") + '"'
            begin = delimiter.end() if delimiter else i + 1
            end = text.find(close, begin)
            end = n if end < 0 else end
            fill(begin, end, "_")
            i = end + len(close)
        elif c == '"' or (c == "'" and not re.search(r"(?<![\w.'])\d[\w.']*$", text[max(0, i - 40):i])):
            end = i + 1  # a string or character literal (a ' after a number is a digit separator)
            while end < n and text[end] not in (c, "\n"):
                end += 2 if text[end] == "\\" else 1
            fill(i + 1, min(end, n), "_")
            i = end + 1
        else:
            i += 1
    return "".join(out)


def check_calls(root):
    """Problems with report_invalid calls that span lines, and the number of calls seen."""
    problems, calls = [], 0
    for path in sorted((root / "include" / "rnnparams").rglob("*.hpp")):
        text = path.read_text(encoding="utf-8")
        code = mask(text)
        lines = text.split("\n")
        for call in CALL.finditer(code):
            if DECLARATION.search(code, max(0, call.start() - 40), call.start()):
                continue
            depth, comma, end = 1, None, call.end()
            while end < len(code) and depth:
                char = code[end]
                if char in "([{":
                    depth += 1
                elif char in ")]}":
                    depth -= 1
                elif char == "," and depth == 1 and comma is None:
                    comma = end
                end += 1
            calls += 1
            first, last = code.count("\n", 0, call.start()) + 1, code.count("\n", 0, end) + 1
            if first == last:
                continue
            where = f"{path.relative_to(root)}:{first}"
            message = None
            if comma is not None:
                start = len(code) - len(code[comma + 1:].lstrip())
                message = code.count("\n", 0, start) + 1
            if message is not None and message != first:
                why = f"its message starts on line {message}"
            else:
                why = f"the call goes on to line {last}"
            quoted = "\n".join("    " + line for line in lines[first - 1:last])
            problems.append(f"{where}: report_invalid call on lines {first}-{last}; {why}, but a compiler "
                            f"quotes only line {first}:\n{quoted}")
    return problems, calls


def indent(text):
    return len(text) - len(text.lstrip(" "))


def included_header(doc, i):
    """The header an "In file included from" line of docs/errors.md says is included there, or None."""
    if doc[i].startswith("In file included from"):
        if i + 1 < len(doc) and doc[i + 1].startswith("In file included from"):  # Clang: outermost first
            ref = REF.search(doc[i + 1])
            return ref.group(1) if ref else None
        for line in doc[i + 1:]:  # GCC's first entry, or Clang's last: the next diagnostic's file
            if not line.strip() or line.startswith("```"):
                return None
            location = LOCATION.match(line)
            if location:
                return location.group(1)
        return None
    ref = REF.search(doc[i - 1])  # GCC's "   from x.hpp:5": includes the entry above
    return ref.group(1) if ref and INCLUDED_FROM.match(doc[i - 1]) else None


def check_docs(root, update):
    """Problems with docs/errors.md's quoted lines, unresolved ones, notes, the count of quoted lines."""
    doc_path = root / "docs" / "errors.md"
    doc = doc_path.read_text(encoding="utf-8").split("\n")
    headers = {}

    def header(path):
        if path not in headers:
            file = root / path
            headers[path] = file.read_text(encoding="utf-8").split("\n") if file.is_file() else None
        return headers[path]

    def move(i, ref, new, delta):  # the reference on doc line i now points at line `new`
        column = f":{max(1, int(ref.group(3)) + delta)}" if ref.group(3) else ""
        doc[i] = f"{doc[i][:ref.start()]}{ref.group(1)}:{new}{column}{doc[i][ref.end():]}"

    problems, unresolved, notes, quoted_lines = [], 0, [], 0
    moves = {}  # (header, line quoted) -> {(line now, indentation change)}
    pending = []  # references without a quoted source line
    for i, text in enumerate(doc):
        ref = REF.search(text)
        if not ref:
            continue
        gutter = GUTTER.match(doc[i + 1]) if i + 1 < len(doc) else None
        if not gutter:
            pending.append(i)
            continue
        quoted_lines += 1
        path, line, quoted = ref.group(1), int(ref.group(2)), gutter.group(3) or ""
        lines = header(path)
        if lines is None:
            problems.append(f"docs/errors.md:{i + 1}: {path} does not exist")
            unresolved += 1
            continue
        current = lines[line - 1] if 1 <= line <= len(lines) else None
        matches = current is not None and current.expandtabs(8).rstrip() == quoted.rstrip()
        if matches and int(gutter.group(2)) == line:
            moves.setdefault((path, line), set()).add((line, 0))
            continue
        report = [f"docs/errors.md:{i + 1}: {path}:{line} is stale",
                  f"    docs/errors.md quotes: {gutter.group(2)} | {quoted}",
                  f"    the header now has:    {line} | {current}" if current is not None
                  else f"    the header now has only {len(lines)} lines"]
        candidates = [line] if matches else [
            k + 1 for k, text in enumerate(lines) if quoted.strip() and text.strip() == quoted.strip()]
        if len(candidates) != 1:
            where = "is not in" if not candidates else f"is on lines {candidates} of"
            report.append(f"    the quoted line {where} the header: quote the compiler's output anew")
            problems.append("\n".join(report))
            unresolved += 1
            moves.setdefault((path, line), set()).add(None)
            continue
        new = candidates[0]
        delta = indent(lines[new - 1]) - indent(quoted)
        moves.setdefault((path, line), set()).add((new, delta))
        report.append(f"    the quoted line is now {path}:{new}" + (" (updated)" if update else ""))
        problems.append("\n".join(report))
        if not update:
            continue
        move(i, ref, new, delta)
        number = str(new).rjust(len(gutter.group(1)) + len(gutter.group(2)))
        doc[i + 1] = f"{number} | {lines[new - 1].expandtabs(8)}".rstrip()
        caret = CARET.match(doc[i + 2]) if i + 2 < len(doc) else None
        if caret and len(caret.group(1)) == len(gutter.group(1)) + len(gutter.group(2)) + 1:
            marks = caret.group(2)
            marks = marks[:1] + " " * delta + marks[1:] if delta >= 0 else \
                marks[:1] + marks[1 + min(-delta, max(0, indent(marks) - 1)):]
            doc[i + 2] = " " * (len(number) + 1) + "|" + marks

    for i in pending:
        ref = REF.search(doc[i])
        path, line = ref.group(1), int(ref.group(2))
        lines = header(path)
        where = f"docs/errors.md:{i + 1}: {path}:{line}"
        if lines is None:
            problems.append(f"{where}: the header does not exist")
            unresolved += 1
        elif INCLUDED_FROM.match(doc[i]):
            target = included_header(doc, i)
            name = target[len("include/"):] if target else None

            def includes(text):
                directive = INCLUDE.match(text)
                return bool(directive) and (name is None or directive.group(1) == name)

            if 1 <= line <= len(lines) and includes(lines[line - 1]):
                continue
            what = f"#include <{name}>" if name else "an #include"
            candidates = [k + 1 for k, text in enumerate(lines) if name and includes(text)]
            if len(candidates) == 1:
                problems.append(f"{where} is stale: {what} is on line {candidates[0]}"
                                + (" (updated)" if update else ""))
                if update:
                    move(i, ref, candidates[0], 0)
            else:
                problems.append(f"{where} is stale: it is not {what}, and cannot be found")
                unresolved += 1
        elif (path, line) in moves:
            targets = moves[(path, line)]
            if None in targets:
                problems.append(f"{where} is stale: the line quoted for it elsewhere is gone")
                unresolved += 1
            elif len(targets) > 1:
                problems.append(f"{where}: the lines quoted for it moved to different places: "
                                f"{sorted(t[0] for t in targets)}")
                unresolved += 1
            else:
                new, delta = next(iter(targets))
                if new != line:
                    problems.append(f"{where} is stale: the line quoted for it elsewhere is now line {new}"
                                    + (" (updated)" if update else ""))
                    if update:
                        move(i, ref, new, delta)
        else:
            notes.append(f"{where}: no quoted source line to check it against")

    if update:
        text = "\n".join(doc)
        if text != doc_path.read_text(encoding="utf-8"):
            doc_path.write_text(text, encoding="utf-8")
    problems.sort(key=lambda problem: int(re.match(r"docs/errors.md:(\d+)", problem).group(1)))
    return problems, unresolved, notes, quoted_lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2],
                        help="the repository (default: the one holding this script)")
    parser.add_argument("--update", action="store_true",
                        help="rewrite docs/errors.md's stale line numbers and quoted lines")
    args = parser.parse_args()
    root = args.root.resolve()

    call_problems, calls = check_calls(root)
    doc_problems, unresolved, notes, quoted_lines = check_docs(root, args.update)
    for line in call_problems + doc_problems + [f"note: {note}" for note in notes]:
        print(line)
    failed = bool(call_problems or (unresolved if args.update else doc_problems))
    if len(doc_problems) > unresolved and not args.update:
        print("docs/errors.md: run tests/diagnostics/check_messages.py --update to renumber what moved")
    print(f"check_messages: {'FAILED' if failed else 'OK'}: {calls} report_invalid calls "
          f"({len(call_problems)} spanning lines), {quoted_lines} quoted header lines in docs/errors.md "
          f"({len(doc_problems)} stale references{', updated' if args.update else ''}"
          f"{f', {unresolved} not updatable' if unresolved else ''})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
