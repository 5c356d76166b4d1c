"""Reads a site folder with the parsers readers' tools use and prints what
the tests assert, as JSON: the Atom feed by feedparser, every .ics by
icalendar, and every local link and picture of the HTML pages.

Usage: site.py SITE_DIR
"""

import html.parser
import json
import os
import sys
import urllib.parse

import feedparser
import icalendar


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if (tag, name) in (("a", "href"), ("img", "src"), ("link", "href")) and value:
                self.targets.append(value)


def calendar(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = []
    for event in cal.walk("VEVENT"):
        events.append({
            "uid": str(event.get("UID")),
            "has_dtstamp": event.get("DTSTAMP") is not None,
            "start": event.decoded("DTSTART").isoformat(),
            "end": event.decoded("DTEND").isoformat(),
            "summary": str(event.get("SUMMARY")),
            "location": str(event.get("LOCATION")) if event.get("LOCATION") else None,
        })
    return events


def main():
    site = sys.argv[1]
    feed = feedparser.parse(os.path.join(site, "feed.xml"))
    broken = []
    for root, _, files in os.walk(site):
        for name in files:
            if not name.endswith(".html"):
                continue
            page = os.path.join(root, name)
            parser = Links()
            with open(page, encoding="utf-8") as f:
                parser.feed(f.read())
            for target in parser.targets:
                parts = urllib.parse.urlsplit(target)
                if parts.scheme or parts.netloc or target.startswith("#"):
                    continue
                path = urllib.parse.unquote(parts.path)
                resolved = os.path.normpath(os.path.join(root, path))
                if path.endswith("/") or os.path.isdir(resolved):
                    resolved = os.path.join(resolved, "index.html")
                if not os.path.exists(resolved):
                    broken.append([os.path.relpath(page, site), target])
    calendars = {}
    for root, _, files in os.walk(site):
        for name in files:
            if name.endswith(".ics"):
                path = os.path.join(root, name)
                calendars[os.path.relpath(path, site)] = calendar(path)
    print(json.dumps({
        "bozo": bool(feed.bozo),
        "bozo_exception": str(feed.get("bozo_exception", "")),
        "feed_title": feed.feed.get("title"),
        "entries": [
            {"id": e.get("id"), "title": e.get("title"), "link": e.get("link"),
             "updated": e.get("updated"), "content_type": e.content[0].type if e.get("content") else None,
             "content_length": len(e.content[0].value) if e.get("content") else 0}
            for e in feed.entries
        ],
        "broken_links": broken,
        "calendars": calendars,
    }))


main()
