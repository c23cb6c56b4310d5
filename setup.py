"""Only what pyproject.toml cannot say: the top-level ``resources/`` folder (templates, icons,
samples, help) ships inside the package as ``ketluan_desktop/resources`` (see core/paths.py)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["ketluan_desktop*"]), "ketluan_desktop.resources"],
    package_dir={"ketluan_desktop.resources": "resources"},
)
