"""Two fixes to whoosh-reloaded 2.7.5's matchers: faster in-block stepping, and a correct
quality bound for unions.

Profiled at 100,000 projects, multi-word AND and phrase queries spent most of their time in
`W3LeafMatcher.skip_to`: after jumping to the right block it steps one posting at a time in
Python (`while self.id() < target: self.next()`), and every block's ids are decoded by a
Python generator. The ids in a block are sorted, so a bisect finds the same posting, and
`itertools.accumulate` decodes the same ids in C. Results and scores are unchanged: the
matcher ends on exactly the posting the loop would have reached.

`ArrayUnionMatcher.max_quality()` returned the best single word's bound, but a union adds the
scores of the words a document holds. Under AndMaybe (the title words' boost) the collector
then dropped documents whose title bonus could still lift them into the top k: 17 of 216
benchmark queries at 100,000 projects had a wrong top 20. The bound is the sum.
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from whoosh.codec import whoosh3
from whoosh.matching import ReadTooFar
from whoosh.matching.combo import ArrayUnionMatcher

_Leaf = whoosh3.W3LeafMatcher


def _skip_to(self, targetid):
    if self._atend or self._i >= self._blocklength:
        raise ReadTooFar
    if self._ids is None:
        self._read_ids()
    if targetid <= self._ids[self._i]:
        return
    if targetid > self._maxid:
        # whole blocks are skipped on their header alone, as whoosh does
        while not self._atend and self._i < self._blocklength and targetid > self._maxid:
            self._next_block()
        if self._atend:
            return
        if self._ids is None:
            self._read_ids()
    i = bisect_left(self._ids, targetid, self._i, self._blocklength)
    if i >= self._blocklength:  # cannot happen once targetid <= block max, kept for safety
        self._i = self._blocklength - 1
        self.next()
    else:
        self._i = i


def _read_ids(self):
    if self._data is None:
        self._read_data()
    ids = self._data[0]
    if not self._byteids:
        ids = tuple(accumulate(ids))
    self._ids = ids


def _union_max_quality(self):
    return sum(m.max_quality() for m in self._submatchers)


def install() -> None:
    if getattr(_Leaf, "_ideabank_fast", False):
        return
    _Leaf.skip_to = _skip_to
    _Leaf._read_ids = _read_ids
    _Leaf._ideabank_fast = True
    ArrayUnionMatcher.max_quality = _union_max_quality


install()
