"""Pure numeric kernels: numpy in, numpy out.

Numba kernels stay private behind wrappers that validate dtype, rate and shape.
``ccedge.dsp`` imports nothing else of ccedge.
"""


class DspError(ValueError):
    """Base of the errors raised by ``ccedge.dsp`` wrappers for bad input."""


__all__ = ["DspError"]
