extension Changeset {
    /// The files (by index) whose source on disk is no longer what the change was proposed
    /// against: content or existence differ from `base`, or the path cannot be read. Refused files
    /// are skipped (they are never written). The review shows these as errors before an apply;
    /// `CheckpointStore.apply` refuses them again under its lock, so a race is still caught.
    package func staleFiles(in workspace: WorkspaceRoot) -> [Int] {
        self.files.indices.filter { index in
            let file = self.files[index]
            guard file.refusal == nil else { return false }
            return !Self.matchesBase(file, in: workspace)
        }
    }

    private static func matchesBase(_ file: ChangesetFile, in workspace: WorkspaceRoot) -> Bool {
        guard let full = try? workspace.resolve(file.sourcePath) else { return false }
        let (kind, _) = PosixFile.inspect(full)
        switch kind {
        case .missing:
            return !file.base.exists
        case .regular:
            guard file.base.exists, let bytes = try? PosixFile.read(full) else { return false }
            return ContentDigest(of: bytes) == file.base.digest
        default:
            return false
        }
    }
}
