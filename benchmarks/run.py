"""`make bench`: every benchmark, one after the other."""

import bench_audit
import bench_concordance
import bench_dataflow
import bench_large_file
import bench_pipeline
import bench_segmentation

if __name__ == "__main__":
    bench_segmentation.main([])
    print()
    bench_pipeline.main([])
    print()
    bench_large_file.main([])
    print()
    bench_audit.main([])
    print()
    bench_dataflow.main([])
    print()
    bench_concordance.main([])
