import Dispatch

extension Workspace {
    /// Runs blocking work (disk, `git`) on a Dispatch utility queue, away from both the main
    /// actor and Swift's cooperative pool, and returns its result to the awaiting task.
    ///
    /// The synchronous API stays the primitive; these wrappers exist so an Elm-style command can
    /// `await` a listing without tying up one of the few cooperative threads.
    package static func background<Result: Sendable>(
        _ work: @escaping @Sendable () throws(WorkspaceError) -> Result
    ) async throws(WorkspaceError) -> Result {
        let outcome: Swift.Result<Result, WorkspaceError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                do throws(WorkspaceError) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try outcome.get()
    }

    /// `listDirectory` off the caller's thread.
    package func loadDirectory(_ path: String) async throws(WorkspaceError) -> DirectoryListing {
        try await Self.background { () throws(WorkspaceError) in try self.listDirectory(path) }
    }

    /// `readFile` off the caller's thread.
    package func loadFile(_ path: String, limits: FileContents.Limits = .viewing) async throws(WorkspaceError) -> FileContents {
        try await Self.background { () throws(WorkspaceError) in try self.readFile(path, limits: limits) }
    }

    /// `GitStatusReader.read` off the caller's thread; never fails (see `GitStatusSnapshot`).
    package func loadGitStatus(untracked: GitStatusReader.UntrackedFiles = .collapsed) async -> GitStatusSnapshot {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: GitStatusReader.read(self, untracked: untracked))
            }
        }
    }

    /// The current git status (blocking; see `GitStatusReader.read`).
    package func gitStatus(untracked: GitStatusReader.UntrackedFiles = .collapsed) -> GitStatusSnapshot {
        GitStatusReader.read(self, untracked: untracked)
    }
}

extension Workspace {
    /// Runs `search` on a Dispatch utility queue; `onMatches` is called on that queue with each
    /// file's matches as they are found (hop to the main actor there). Returns the summary when
    /// the search ends, is cancelled through `cancel`, or hits its result bound.
    package func search(
        _ search: ContentSearch,
        cancel: CancellationFlag? = nil,
        onMatches: @escaping @Sendable ([SearchMatch]) -> Void
    ) async -> SearchSummary {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: search.run(in: self, cancel: cancel, onMatches: onMatches))
            }
        }
    }

    /// Runs `walkFiles` on a Dispatch utility queue; `onBatch` is called on that queue with each
    /// batch of paths (feed a `FuzzyIndex` or post them to the UI).
    package func walk(
        options: WalkOptions = WalkOptions(),
        cancel: CancellationFlag? = nil,
        onBatch: @escaping @Sendable ([String]) -> Void
    ) async -> WalkSummary {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: self.walkFiles(options: options, cancel: cancel, onBatch: onBatch))
            }
        }
    }

    /// A `FuzzyIndex` of every file (ignore rules respected), built off the caller's thread.
    package func loadFuzzyIndex(options: WalkOptions = WalkOptions(), cancel: CancellationFlag? = nil) async -> FuzzyIndex {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                var index = FuzzyIndex()
                self.walkFiles(options: options, cancel: cancel) { index.append($0) }
                continuation.resume(returning: index)
            }
        }
    }

    /// `MemorySources.collect` off the caller's thread.
    package func loadMemory(for directory: String, byteCap: Int = MemorySources.defaultByteCap) async throws(WorkspaceError) -> MemoryContext {
        try await Self.background { () throws(WorkspaceError) in
            try MemorySources.collect(in: self, directory: directory, byteCap: byteCap)
        }
    }
}
