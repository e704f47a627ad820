"""Running the pipeline: the build top to bottom (build), the map steps on a
process pool or Dask (engine) and the per-document cache (cache). The only
place that knows about processes, caches and the garbage collector."""
