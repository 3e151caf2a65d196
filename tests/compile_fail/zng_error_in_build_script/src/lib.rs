// Never compiled: the build script fails first.
