"""Keep openpyxl out of a web worker until a spreadsheet is read or written.

django-import-export asks, when it is imported, which formats tablib can load, and tablib's
xlsx format imports openpyxl at once: about 14 MB in every worker, most of which never sees
a spreadsheet. Registered in its place, this stand-in loads the real format class on first
use. `listings.apps` registers it before the admin (and so import-export) is loaded.
"""

from importlib.util import find_spec

import tablib.formats  # type: ignore[import-untyped]

REAL = "tablib.formats._xlsx.XLSXFormat"


class LazyXLSXFormat:
    title = "xlsx"
    extensions = ("xlsx",)

    @staticmethod
    def _real():
        return tablib.formats.load_format_class(REAL)

    @classmethod
    def detect(cls, stream):
        return cls._real().detect(stream)

    @classmethod
    def import_set(cls, dset, in_stream, **kwargs):
        return cls._real().import_set(dset, in_stream, **kwargs)

    @classmethod
    def import_book(cls, dbook, in_stream, **kwargs):
        return cls._real().import_book(dbook, in_stream, **kwargs)

    @classmethod
    def export_set(cls, dataset, **kwargs):
        return cls._real().export_set(dataset, **kwargs)

    @classmethod
    def export_book(cls, databook, **kwargs):
        return cls._real().export_book(databook, **kwargs)


def keep_openpyxl_lazy() -> None:
    registry = tablib.formats.registry
    if find_spec("openpyxl") and isinstance(registry._formats.get("xlsx"), str):
        registry.register("xlsx", LazyXLSXFormat)
