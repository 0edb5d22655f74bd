"""The reader's own process: ``python -m deploymap.reading.worker``, started by ``reading.pool``.

It reads requests from its standard input and answers on its standard output, each a pickle
preceded by its length (8 bytes, big-endian): (text, report name, report date, cache folder, the page's own
date, the store's merged source names) in,
("ok", proposed rows) or ("error", message) out. It is a process of its own, started from its own
module, so that nothing of the server (its threads, its ``__main__``) comes with it.
"""

from __future__ import annotations

import pickle
import struct
import sys
from typing import BinaryIO

HEADER = struct.Struct(">Q")


def send(stream: BinaryIO, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream: BinaryIO) -> object | None:
    """The next message, or None when the other side has closed the stream."""
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)  # only ever from the process that started this one


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    from deploymap.reading.extraction import extract, proposals_frame
    from deploymap.reading.sources import SourceTable
    from geo.gazetteer import Gazetteer

    gazetteer = None
    while (request := receive(requests)) is not None:
        text, report, report_date, cache_dir, published, merged = request
        try:
            gazetteer = gazetteer or Gazetteer.default(cache_dir)
            table = SourceTable.shipped(merged)
            answer = ("ok", proposals_frame(extract(text, report, gazetteer, report_date, table, published), report))
        except ValueError as exc:  # the reader's own refusals: no date, a date out of range
            answer = ("error", str(exc))
        except Exception as exc:  # a fault of the reader must not end the process every session shares
            answer = ("error", f"the reader failed on this report ({type(exc).__name__}: {exc}); nothing was proposed")
        send(answers, answer)


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
