import pkg.inner.deep_beyond
