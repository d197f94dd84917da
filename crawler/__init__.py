"""projwatch: crawl Latvian municipal news, extract EU project facts, diff them and alert."""
