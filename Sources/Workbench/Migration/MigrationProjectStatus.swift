import Changes
import Codemods

/// The project as it is on disk now: its metrics, its sources leaves first, the compiler found,
/// and the checkpoints (which tell the walkthrough which steps are applied).
package struct MigrationProjectStatus: Sendable, Equatable {
    /// One source file.
    package struct File: Hashable, Sendable {
        /// Relative to the workspace root.
        package var path: String
        /// True while it is still JavaScript.
        package var isJavaScript: Bool

        package init(path: String, isJavaScript: Bool) {
            self.path = path
            self.isJavaScript = isJavaScript
        }
    }

    /// Metrics of the files on disk (`tscErrors` nil when tsc could not check them).
    package var metrics: MigrationMetrics
    /// Sources, each after the files it imports.
    package var files: [File]
    /// `tsc 5.4.5` or why there is none.
    package var compiler: String
    /// True when a TypeScript compiler was found.
    package var hasCompiler: Bool
    /// The workspace's checkpoints, oldest first.
    package var checkpoints: [CheckpointSummary]
    /// True for the first report of a measurement, sent before tsc has checked the files.
    package var isTypeChecking: Bool

    package init(
        metrics: MigrationMetrics, files: [File], compiler: String, hasCompiler: Bool, checkpoints: [CheckpointSummary],
        isTypeChecking: Bool = false
    ) {
        self.metrics = metrics
        self.isTypeChecking = isTypeChecking
        self.files = files
        self.compiler = compiler
        self.hasCompiler = hasCompiler
        self.checkpoints = checkpoints
    }
}
