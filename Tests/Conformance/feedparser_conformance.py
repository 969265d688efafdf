#!/usr/bin/env python3
"""Runs `feedwatch parse FILE --json` over the feedparser test corpus and evaluates its expectations.

Usage: feedparser_conformance.py CORPUS_DIR --binary PATH [--timeout S] [--threshold PCT] [--verbose]

Each corpus file carries a Python expression over feedparser's result (INDEX.tsv, column `expect`).
feedwatch's JSON is mapped onto a feedparser-like dict for the fields feedwatch produces: feed title
and link; per entry id, title, link, published/updated (and *_parsed), author(s), summary/description,
content, tags/category, enclosures, geo (`where`); and `bozo` (= partial, or a parse error).
An expression that reads anything else (a field feedwatch does not produce, feedparser's module,
the detected `encoding`, the HTTP headers…) is "not applicable", with the reason printed.

feedwatch gives text fields as plain text (HTML removed) where feedparser gives sanitized HTML, so a
text field compared with a string holding markup or entities is compared by plain-text projection:
the expected string goes through a small HTML-to-text pass (tags dropped, script/style content
dropped, entities decoded, whitespace collapsed) and must then equal feedwatch's text exactly.

Every file, ill-formed included, must parse or fail cleanly (exit 0 or 65) within the timeout.
Exits 1 if any file crashes or hangs, or if the applicable pass rate over wellformed/ and encoding/
is below the threshold.
"""
import argparse
import html
import html.parser
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict


class NotApplicable(Exception):
    pass


class HTMLToText(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5",
             "h6", "blockquote", "pre", "hr", "dd", "dt", "dl", "section", "article", "header", "footer"}
    DROP = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.DROP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in self.DROP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def collapse(s):
    return re.sub(r"[ \t\r\n\f]+", " ", s).strip(" ")


def to_text(s):
    p = HTMLToText()
    p.feed(s)
    p.close()
    return collapse("".join(p.out))


class Text(str):
    """A plain-text field: equal to an HTML string whose plain-text projection equals it."""

    def __eq__(self, other):
        if isinstance(other, str) and str.__eq__(self, other):
            return True
        if isinstance(other, str):
            return str.__eq__(self, to_text(other)) or str.__eq__(collapse(str(self)), collapse(other))
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = str.__hash__


# Keys feedwatch produces, per level: when one is missing, feedwatch found nothing there (a failure
# if the expectation wants something); every other key is "not applicable". Dates are produced
# parsed (`*_parsed`); the date as written (`published`, `updated`) is not.
PRODUCED = {
    "feed": {"title", "title_detail", "link", "subtitle", "subtitle_detail", "tagline", "tagline_detail",
             "description", "updated_parsed", "author", "authors"},
    "entries[i]": {"title", "title_detail", "link", "id", "summary", "description", "summary_detail", "content",
                   "published_parsed", "updated_parsed", "author", "authors", "category", "tags",
                   "enclosures", "where"},
    "detail": {"value"},
    "author": {"name"},
    "tag": {"term"},
    "enclosure": {"href", "type", "length"},
    "where": {"type", "coordinates"},
}
# feedparser gives an empty string for an element that is present but empty; feedwatch gives null
# for text that is empty once HTML is removed.
EMPTY_TEXT = {"title", "summary", "description"}
FEED_TEXT = {"title", "subtitle", "tagline", "description"}


class FPDict(dict):
    """A dict whose missing keys are 'not produced by feedwatch' rather than errors."""

    def __init__(self, where, level, *a, **k):
        super().__init__(*a, **k)
        self.where = where
        self.level = level

    def __getitem__(self, key):
        if key not in self:
            if key in EMPTY_TEXT and self.level == "entries[i]" or key in FEED_TEXT and self.level == "feed":
                return Text("")
            if key in ("title_detail", "summary_detail", "subtitle_detail", "tagline_detail") and self.level in (
                    "feed", "entries[i]"):
                return FPDict(self.where + f"[{key!r}]", "detail", value=Text(""))
            if key == "where" and self.level == "entries[i]":
                raise NotApplicable("entries[i]['where'] beyond a point: feedwatch keeps points only "
                                    "(GeoRSS point, gml:pos, geo:lat/geo:long)")
            if key == "content" and self.level == "entries[i]":
                return FPList([FPDict(self.where + "['content'][j]", "detail", value=Text(""))])
            if key in PRODUCED.get(self.level, ()):
                raise KeyError(f"{self.where}[{key!r}] missing in feedwatch's output")
            raise NotApplicable(f"{self.where}[{key!r}] is not produced by feedwatch")
        return super().__getitem__(key)

    def __getattr__(self, key):
        if key.startswith("__"):
            raise AttributeError(key)
        return self[key]

    def get(self, key, default=None):
        if key not in self:
            raise NotApplicable(f"{self.where}.get({key!r}) is not produced by feedwatch")
        return super().get(key, default)


class FPList(list):
    def __getitem__(self, i):
        try:
            return super().__getitem__(i)
        except IndexError:
            raise IndexError(i)


def struct_time(s):
    if s is None:
        return None
    from datetime import datetime, timezone
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).utctimetuple()


def text(v):
    return Text(v) if v is not None else None


def to_feedparser(doc, failed):
    feed = FPDict("feed", "feed")
    if doc is None:
        return {"bozo": 1, "feed": feed, "entries": FPList()}
    if doc.get("title") is not None:
        feed["title"] = text(doc["title"])
        feed["title_detail"] = FPDict("feed['title_detail']", "detail", value=text(doc["title"]))
    if doc.get("link") is not None:
        feed["link"] = doc["link"]
    if doc.get("subtitle") is not None:
        # feedparser's names for the feed's description: subtitle, its older tagline, description.
        for key in ("subtitle", "tagline", "description"):
            feed[key] = text(doc["subtitle"])
        for key in ("subtitle_detail", "tagline_detail"):
            feed[key] = FPDict(f"feed[{key!r}]", "detail", value=text(doc["subtitle"]))
    if doc.get("updated"):
        feed["updated_parsed"] = struct_time(doc["updated"])
    if doc.get("authors"):
        feed["author"] = text(doc["authors"][0])
        feed["authors"] = FPList([FPDict("feed['authors'][j]", "author", name=text(a)) for a in doc["authors"]])
    entries = FPList()
    for it in doc["items"]:
        e = FPDict("entries[i]", "entries[i]")
        e["id"] = it["id"]
        if it.get("title") is not None:
            e["title"] = text(it["title"])
            e["title_detail"] = FPDict("entries[i]['title_detail']", "detail", value=text(it["title"]))
        if it.get("link") is not None:
            e["link"] = it["link"]
        summary = it.get("summary")
        content = it.get("content")
        if summary is None and content is not None:
            summary = content  # feedparser fills summary from content
        if summary is not None:
            e["summary"] = text(summary)
            e["description"] = text(summary)
            e["summary_detail"] = FPDict("entries[i]['summary_detail']", "detail", value=text(summary))
        if content is not None:
            e["content"] = FPList([FPDict("entries[i]['content'][j]", "detail", value=text(content))])
        if it.get("published"):
            e["published_parsed"] = struct_time(it["published"])
        upd = it.get("updated") or it.get("published")
        if upd:
            e["updated_parsed"] = struct_time(upd)
        if it["authors"]:
            e["author"] = text(it["authors"][0])
            e["authors"] = FPList([FPDict("entries[i]['authors'][j]", "author", name=text(a)) for a in it["authors"]])
        if it["categories"]:
            e["category"] = text(it["categories"][0])
            e["tags"] = FPList([FPDict("entries[i]['tags'][j]", "tag", term=text(c)) for c in it["categories"]])
        if it.get("enclosures"):
            e["enclosures"] = FPList([
                FPDict("entries[i]['enclosures'][j]", "enclosure", href=x["url"], type=x["type"] or "",
                       length=str(x["length"]) if x["length"] is not None else "")
                for x in it["enclosures"]])
        if it.get("geo"):
            g = it["geo"]
            e["where"] = FPDict("entries[i]['where']", "where", type="Point", coordinates=(g["lon"], g["lat"]))
        entries.append(e)
    bozo = 1 if (failed or doc.get("partial")) else 0
    return {"bozo": bozo, "feed": feed, "entries": entries}


def leading_comment(path):
    with open(path, "rb") as f:
        head = f.read(4096)
    for enc in ("utf-8", "utf-16", "utf-32", "latin-1"):
        try:
            s = head.decode(enc)
            if "Expect:" in s or "Description:" in s:
                return s
        except UnicodeDecodeError:
            continue
    return head.decode("latin-1")


def headers_of(path):
    out = {}
    for m in re.finditer(r"^Header:\s*([A-Za-z-]+):\s*(.*?)\s*$", leading_comment(path), re.M):
        out[m.group(1).lower()] = m.group(2)
    return out


DOCURI = "http://127.0.0.1:8097/"


def run_one(binary, corpus, rel, timeout):
    """Runs one file as feedparser's harness serves it: at DOCURI + path, with its Header: lines."""
    from urllib.parse import urljoin
    path = os.path.join(corpus, rel)
    args = [binary, "parse", path, "--json"]
    headers = headers_of(path)
    m = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)\"?", headers.get("content-type", ""))
    if m:
        args += ["--charset", m.group(1)]
    base = urljoin(DOCURI, rel)
    location = headers.get("content-location", "")
    if location and not location.lower().startswith("javascript:"):
        base = urljoin(base, location)
    args += ["--url", base]
    try:
        p = subprocess.run(args, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hang", None, ""
    if p.returncode == 0:
        try:
            return "ok", json.loads(p.stdout.decode("utf-8")), ""
        except (ValueError, UnicodeDecodeError) as err:
            return "crash", None, f"unparseable JSON: {err}"
    if p.returncode == 65:
        return "error", None, p.stderr.decode("utf-8", "replace").strip()
    return "crash", None, f"exit {p.returncode}: {p.stderr.decode('utf-8', 'replace').strip()[:200]}"


# Names an expectation may use that feedwatch produces; any other name makes it "not applicable"
# whatever Python's short-circuiting would reach.
KNOWN_NAMES = {"bozo", "feed", "entries", "isinstance", "len", "ord", "str", "int", "float", "tuple", "list",
               "dict", "True", "False", "None"}


def unknown_names(expr):
    import ast
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError:
        return []
    return sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id not in KNOWN_NAMES})


def evaluate(expr, result):
    unknown = unknown_names(expr)
    if "encoding" in unknown:
        return None, ("compares feedparser's encoding, the label declared or sent; feedwatch reports the "
                      "encoding it read the bytes in (us-ascii and iso-8859-1 read as windows-1252, as browsers do)")
    if unknown:
        return None, f"uses {', '.join(unknown)}, which feedwatch does not produce"
    env = {"__builtins__": {"isinstance": isinstance, "len": len, "ord": ord, "str": str, "int": int,
                            "float": float, "tuple": tuple, "list": list, "dict": dict, "True": True,
                            "False": False, "None": None}}
    env.update(result)
    try:
        return bool(eval(expr, env)), None
    except NotApplicable as na:
        return None, str(na)
    except NameError as ne:
        return None, f"uses {str(ne).split(chr(39))[1] if chr(39) in str(ne) else ne}, which feedwatch does not produce"
    except (KeyError, IndexError, TypeError, AttributeError) as err:
        return False, f"{type(err).__name__}: {err}"


def folder_of(path):
    parts = path.split("/")
    return "/".join(parts[:2]) if parts[0] in ("wellformed", "illformed") and len(parts) > 2 else parts[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--binary", required=True)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--threshold", type=float, default=95.0)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--jobs", type=int, default=4)
    a = ap.parse_args()

    rows = []
    with open(os.path.join(a.corpus, "INDEX.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            path, fmt, desc, expect = line.rstrip("\n").split("\t")
            if a.only and not path.startswith(a.only):
                continue
            rows.append((path, expect, fmt))

    stats = defaultdict(lambda: {"pass": 0, "fail": 0, "na": 0})
    na_reasons = defaultdict(list)
    broken, failures = [], []
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=a.jobs) as pool:
        runs = list(pool.map(lambda r: run_one(a.binary, a.corpus, r[0], a.timeout), rows))
    for (path, expect, fmt), (status, doc, message) in zip(rows, runs):
        if status in ("crash", "hang"):
            broken.append(f"{path}: {status} {message}")
        folder = folder_of(path)
        result = to_feedparser(doc, status != "ok")
        ok, reason = evaluate(expect, result)
        if ok is not None and expect.strip() == "bozo" and "content-type" in headers_of(os.path.join(a.corpus, path)):
            ok, reason = None, "bozo from the HTTP Content-Type alone (RFC 3023 media-type rules feedwatch does not apply)"
        if fmt == "other" and not path.startswith("json/") and status != "ok":
            ok, reason = None, "CDF (Microsoft Channel Definition Format, 1997) is not a format feedwatch reads"
        if ok is None:
            stats[folder]["na"] += 1
            key = re.sub(r"entries\[\d+\]", "entries[i]", reason)
            key = re.sub(r"\[\d+\]", "[j]", key)
            na_reasons[key].append(path)
        elif ok:
            stats[folder]["pass"] += 1
        else:
            stats[folder]["fail"] += 1
            failures.append(f"{path}: {expect}  =>  {reason or ''} {message}".rstrip())

    print(f"{'folder':28} {'pass':>5} {'fail':>5} {'n/a':>5}  pass rate (applicable)")
    scored = {"pass": 0, "fail": 0}
    for folder in sorted(stats):
        s = stats[folder]
        applicable = s["pass"] + s["fail"]
        rate = f"{100 * s['pass'] / applicable:5.1f}%" if applicable else "  -  "
        print(f"{folder:28} {s['pass']:5} {s['fail']:5} {s['na']:5}  {rate}")
        if folder.startswith("wellformed") or folder == "encoding":
            scored["pass"] += s["pass"]
            scored["fail"] += s["fail"]
    total = scored["pass"] + scored["fail"]
    rate = 100 * scored["pass"] / total if total else 100.0
    print(f"\nwell-formed + encoding, applicable: {scored['pass']}/{total} = {rate:.1f}% (threshold {a.threshold}%)")
    print(f"files run: {len(rows)}, crashes or hangs: {len(broken)}")
    print("\nnot applicable, by reason:")
    for reason, paths in sorted(na_reasons.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(paths):4}  {reason}")
        if a.verbose:
            for p in paths:
                print(f"          {p}")
    if a.verbose and failures:
        print("\nfailures:")
        for line in failures:
            print("  " + line)
    for line in broken:
        print("BROKEN " + line)
    if broken or rate < a.threshold:
        sys.exit(1)


if __name__ == "__main__":
    main()
