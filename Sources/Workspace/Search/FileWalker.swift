/// Options for visiting every file of a workspace.
package struct WalkOptions: Hashable, Sendable {
    /// Visit names starting with a dot (`.git` is always skipped).
    package var includeHidden: Bool
    /// Visit entries ignore rules exclude (and descend into ignored directories).
    package var includeIgnored: Bool
    /// How many paths each batch delivers.
    package var batchSize: Int
    /// Stop after this many files.
    package var maximumFiles: Int

    package init(includeHidden: Bool = false, includeIgnored: Bool = false, batchSize: Int = 4096, maximumFiles: Int = Int.max) {
        self.includeHidden = includeHidden
        self.includeIgnored = includeIgnored
        self.batchSize = batchSize
        self.maximumFiles = maximumFiles
    }
}

/// What a finished walk saw.
package struct WalkSummary: Hashable, Sendable {
    /// Files delivered.
    package var files: Int
    /// Directories read.
    package var directories: Int
    /// Directories that could not be read (permissions, vanished).
    package var unreadableDirectories: Int
    /// The walk stopped early (cancelled, or `maximumFiles` reached).
    package var isComplete: Bool
}

extension Workspace {
    /// Visits every file below `directory` depth-first, skipping `.git` and (by default)
    /// hidden and ignored entries, never descending into symbolic links; links to files inside
    /// the workspace are reported as files. Paths arrive in batches, each directory's entries in
    /// natural order.
    ///
    /// Blocking; run it off the UI loop. Stops between directories when `cancel` is set or the
    /// task is cancelled.
    /// - Complexity: one `readdir` per visited directory plus ignore matching per entry.
    @discardableResult
    package func walkFiles(
        under directory: String = "",
        options: WalkOptions = WalkOptions(),
        cancel: CancellationFlag? = nil,
        onBatch: ([String]) -> Void
    ) -> WalkSummary {
        var summary = WalkSummary(files: 0, directories: 0, unreadableDirectories: 0, isComplete: true)
        guard let start = try? RelativePath.normalize(directory) else {
            summary.unreadableDirectories = 1
            return summary
        }
        var batch: [String] = []
        batch.reserveCapacity(options.batchSize)
        /// Pending work: a directory to read, or the files of a directory already read (emitted
        /// after its subdirectories, so paths come in the tree's order: directories first).
        enum Work {
            case directory(DirectoryIgnoreMatcher)
            case files([String])
        }
        let root = self.ignoreRules.matcher(forDirectory: start)
        if root.isInsideIgnored && !options.includeIgnored { return summary }
        var stack: [Work] = [.directory(root)]
        var delivered = 0
        func emit(_ path: String) -> Bool {
            batch.append(path)
            delivered += 1
            if batch.count >= options.batchSize {
                summary.files += batch.count
                onBatch(batch)
                batch.removeAll(keepingCapacity: true)
            }
            return delivered < options.maximumFiles
        }
        walk: while let work = stack.popLast() {
            if cancel?.isCancelled == true || Task.isCancelled {
                summary.isComplete = false
                break
            }
            let matcher: DirectoryIgnoreMatcher
            switch work {
            case .files(let files):
                for file in files where !emit(file) {
                    summary.isComplete = false
                    break walk
                }
                continue
            case .directory(let directory):
                matcher = directory
            }
            let absolute = self.absolutePath(matcher.directory)
            guard let (raw, _) = try? DirectoryReader.read(absolute, displayPath: matcher.directory) else {
                summary.unreadableDirectories += 1
                continue
            }
            summary.directories += 1
            var entries = raw
            entries.sort { NaturalOrder.less($0.name, $1.name) }
            var subdirectories: [Work] = []
            var files: [String] = []
            for entry in entries where entry.name != ".git" {
                if !options.includeHidden && entry.name.hasPrefix(".") { continue }
                let isDirectory = entry.kind == .directory
                if !options.includeIgnored && matcher.isIgnored(name: entry.name, isDirectory: isDirectory) { continue }
                switch entry.kind {
                case .directory:
                    subdirectories.append(.directory(matcher.child(entry.name)))
                case .file:
                    files.append(RelativePath.join(matcher.directory, entry.name))
                case .symlink:
                    if self.classifyLink(absolute + "/" + entry.name) == .file {
                        files.append(RelativePath.join(matcher.directory, entry.name))
                    }
                case .other:
                    continue
                }
            }
            if !files.isEmpty { stack.append(.files(files)) }
            stack.append(contentsOf: subdirectories.reversed())
        }
        if !batch.isEmpty {
            summary.files += batch.count
            onBatch(batch)
        }
        return summary
    }

    /// Every file of the workspace as one array (see `walkFiles`).
    package func allFiles(options: WalkOptions = WalkOptions(), cancel: CancellationFlag? = nil) -> [String] {
        var files: [String] = []
        self.walkFiles(options: options, cancel: cancel) { files.append(contentsOf: $0) }
        return files
    }
}
