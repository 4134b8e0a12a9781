"""cgt: a timeline and fact-lookup tool for Chinese cell and gene therapy news."""

__version__ = "0.1.0"
