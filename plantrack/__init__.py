"""Tracker of the Zhejiang provincial "Internet+" Action Plan (浙政发〔2016〕2号).

Data flow: data/ --load+validate--> Dataset --assess--> assessment table --chapters--> book.
"""

__version__ = "0.1.0"
