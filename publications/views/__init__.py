"""The publications' pages: `pages.py` serves annual reports and evaluations alike, each kind
described in `kinds.py`; `parts.py` their recommendations and assessments; `indicators.py`
and `api.py`. Who may read and write what is in `common.py`."""
