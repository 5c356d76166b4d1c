"""Reads an .eml with Python's own parser (policy `default`) and prints
what the tests assert, as JSON: defects, headers, the MIME tree, the two
editions decoded, and whether every cid: of the HTML has its part.

Usage: eml.py FILE.eml
"""

import email
import email.policy
import json
import re
import sys


def tree(part):
    if part.is_multipart():
        return {part.get_content_type(): [tree(p) for p in part.iter_parts()]}
    return part.get_content_type()


def main():
    with open(sys.argv[1], "rb") as f:
        raw = f.read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [repr(d) for p in message.walk() for d in p.defects]
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    html_content = html.get_content() if html else ""
    cids = set(re.findall(r'src="cid:([^"]+)"', html_content))
    parts = {p.get("Content-ID", "").strip("<>") for p in message.walk() if p.get("Content-ID")}
    print(json.dumps({
        "defects": defects,
        "headers": {k: str(v) for k, v in message.items()},
        "tree": tree(message),
        "text": text.get_content() if text else None,
        "html": html_content,
        "cids": sorted(cids),
        "unresolved": sorted(cids - parts),
        "picture_bytes": {
            p.get("Content-ID", "").strip("<>"): len(p.get_content())
            for p in message.walk() if p.get_content_maintype() == "image"
        },
        "longest_line": max(len(line) for line in raw.split(b"\r\n")),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
    }))


main()
