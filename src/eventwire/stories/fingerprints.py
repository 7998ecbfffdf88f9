"""Near-duplicate documents: MinHash signatures over word shingles, banded for LSH look-ups.

A signature is 128 MinHash values (datasketch) of the document's 5-word shingles. It is cut
into 32 bands of 4 values; two documents that share a band are candidates, and candidates whose
estimated Jaccard similarity is at least ``NEAR_DUPLICATE`` are near-duplicates. With 32 bands of
4 rows, pairs at Jaccard 0.6 share a band with probability 1 − (1 − 0.6⁴)³² ≈ 0.98; the bands
are stored, so a new document is compared with its candidates only, never with the whole store.
"""

from __future__ import annotations

import functools
import hashlib
import re

import numpy as np

PERMUTATIONS = 128
# datasketch's permutation scheme, named so that stored signatures stay comparable across versions
SCHEME = "affine32"
BANDS = 32
ROWS = PERMUTATIONS // BANDS
SHINGLE_WORDS = 5
NEAR_DUPLICATE = 0.6
# Texts shorter than this many words are compared by their normalised words, not by shingles.
MIN_SHINGLED_WORDS = 12

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """The text's words, lower-cased, without punctuation."""
    return _WORD.findall(text.lower())


def signature(text: str) -> np.ndarray:
    """Return the MinHash signature of a text's word shingles (uint64, ``PERMUTATIONS`` long).

    A short text (a headline) is one shingle of all its words, so only the same words give the
    same signature.
    """
    from datasketch import MinHash

    tokens = words(text)
    if len(tokens) < MIN_SHINGLED_WORDS:
        shingles = {" ".join(tokens)}
    else:
        shingles = {
            " ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)
        }
    minhash = MinHash(num_perm=PERMUTATIONS, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The hash permutations of seed 1, drawn once (datasketch draws them per MinHash)."""
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=1, scheme=SCHEME).permutations


def bands(values: np.ndarray) -> list[int]:
    """Return the signature's band keys: one signed 64-bit hash per band of ``ROWS`` values."""
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(4, "little"))
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys


def similarity(left: np.ndarray, right: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(left == right)) / len(left)
