import Basics
import Dispatch
import EngineClient
import EngineProtocol
import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// Runs the workbench's commands. Blocking work (disk, git, the store) runs on Dispatch queues
/// away from the main loop; engine calls are async (the client does its socket work on its own
/// threads). Every result comes back through `send` as a message; this class never touches the
/// state.
@MainActor
package final class WorkbenchEffects {
    package typealias Send = @MainActor @Sendable (Msg) -> Void

    private let configuration: EffectsConfiguration
    private let workspace: Workspace
    private let store: ProjectStore
    private let actionIDs: Set<ActionID>
    private let storeQueue = DispatchQueue(label: "seam.store")
    private var client: EngineClient?
    private var engineInfo: EngineInfo?
    private var chatTasks: [Int: Task<Void, Never>] = [:]
    private var fileIndex = FuzzyIndex()
    private var fileIndexState: IndexLoad = .notLoaded
    private var pendingFinds: [(Bool, String)] = []
    /// Bumped per finder query; a background match that sees a newer value gives up early.
    private let finderGeneration = LockedBox(0)
    private var searches: [Int: CancellationFlag] = [:]
    /// Runs `git status` one at a time (created on the first request, when `send` is known).
    private var gitStatus: GitStatusRefresher?
    /// Watches the directories the tree listed (after `watchWorkspace`).
    private var watcher: DirectoryWatcher?
    /// Every directory listed so far, watched once the watcher starts.
    private var listedDirectories: Set<String> = []
    /// Turns mouse reporting on or off (set by the program that owns the terminal).
    package var setMouse: (Bool) -> Void = { _ in }
    /// Runs the review's commands (its `suspendTerminal` is set by the program that owns the
    /// terminal, for the editor).
    package let review: ReviewEffects
    /// Runs the walkthrough's commands (except streaming the model's answer, done here).
    package let migration: MigrationEffects

    private enum IndexLoad {
        case notLoaded, loading, loaded
    }

    package init(configuration: EffectsConfiguration, workspace: Workspace, actionIDs: Set<ActionID>) {
        self.configuration = configuration
        self.workspace = workspace
        self.store = ProjectStore(root: workspace.root, paths: configuration.paths)
        self.actionIDs = actionIDs
        self.review = ReviewEffects(root: configuration.root, environment: configuration.environment)
        self.migration = MigrationEffects(root: configuration.root, environment: configuration.environment)
    }

    /// Runs `command`; its results arrive later through `send`.
    package func perform(_ command: Command, send: @escaping Send) {
        switch command {
        case .connectEngine: self.connectEngine(send)
        case .loadEngineState: self.loadEngineState(send)
        case .countContext(let revision, let messages): self.countContext(revision, messages, send)
        case .streamChat(let id, let messages, let maxTokens, let temperature): self.streamChat(id, messages, maxTokens, temperature, send)
        case .cancelChat(let id):
            self.chatTasks[id]?.cancel()
            self.chatTasks[id] = nil
        case .loadDirectory(let path): self.loadDirectory(path, send)
        case .loadGitStatus:
            self.gitStatusRefresher(send).request(.explicit)
        case .watchWorkspace:
            self.watchWorkspace(send)
        case .loadFile(let path): self.loadFile(path, send)
        case .loadFileIndex: self.loadFileIndex(send)
        case .resetFileIndex:
            // A walk in progress finishes into the old index; only a finished one is dropped.
            if self.fileIndexState == .loaded {
                self.fileIndex = FuzzyIndex()
                self.fileIndexState = .notLoaded
            }
        case .findFiles(let query): self.find(query, forMentions: false, send)
        case .findMentions(let query): self.find(query, forMentions: true, send)
        case .searchContent(let generation, let pattern, let isRegex): self.search(generation, pattern, isRegex, send)
        case .cancelSearch(let generation):
            self.searches[generation]?.cancel()
            self.searches[generation] = nil
        case .readAttachments(let id, let paths, let byteCap): self.readAttachments(id, paths, byteCap, send)
        case .loadMemorySources(let directory): self.loadMemory(directory, send)
        case .saveConversation(let conversation):
            self.onStore(send) { store in
                try store.save(conversation, now: Self.now())
                return .conversationSaved(error: nil)
            } failure: { .conversationSaved(error: $0) }
        case .listConversations, .listChoices(.conversation):
            self.onStore(send) { store in
                .choicesListed(kind: .conversation, items: store.conversations().map(Self.pickerItem))
            } failure: { .settingFailed($0) }
        case .loadConversation(let id):
            self.onStore(send) { store in .conversationLoaded(try store.conversation(id)) } failure: { .conversationLoadFailed($0) }
        case .loadLatestConversation:
            self.onStore(send) { store in
                let conversations = store.conversations()
                let history = conversations.reversed().flatMap { $0.messages.filter { $0.role == .user }.map(\.text) }
                DispatchQueue.main.async { send(.historyLoaded(Array(history.suffix(200)))) }
                if let latest = conversations.first { return .conversationLoaded(latest) }
                return .historyLoaded(Array(history.suffix(200)))
            } failure: { .conversationLoadFailed($0) }
        case .loadNotes:
            self.onStore(send) { store in .notesLoaded(try store.notes()) } failure: { .settingFailed("cannot read the pinned notes: \($0)") }
        case .saveNotes(let notes):
            self.onStore(send) { store in
                try store.saveNotes(notes, now: Self.now())
                return .notesSaved(error: nil)
            } failure: { .notesSaved(error: $0) }
        case .loadTheme(let name):
            let loader = ThemeLoader(locator: self.configuration.locator)
            Self.background(send) {
                do { return .themeLoaded(try loader.load(name)) } catch { return .settingFailed(describe(error)) }
            }
        case .loadKeymap(let name):
            let loader = KeymapLoader(locator: self.configuration.locator, knownActions: self.actionIDs, knownContexts: Set(KeyContext.standard))
            Self.background(send) {
                do { return .keymapLoaded(try loader.load(name)) } catch { return .settingFailed(describe(error)) }
            }
        case .listChoices(let kind):
            let locator = self.configuration.locator
            Self.background(send) {
                let names = kind == .theme ? ["embedded"] + locator.themeNames : locator.keymapNames
                let items = names.map { name in
                    PickerItem(value: name, label: name, detail: kind == .theme && name == "embedded" ? "16 ANSI colours" : "")
                }
                return .choicesListed(kind: kind, items: items)
            }
        case .setMouse(let enabled):
            self.setMouse(enabled)
        case .expireNotice(let notice):
            Task {
                try? await Task.sleep(for: .seconds(5))
                send(.noticeExpired(notice))
            }
        case .review(let command):
            self.review.perform(command, send: send)
        case .migration(.streamTypeAnswer(let id, let messages, let maxTokens, let temperature)):
            // Through the chat's stream, under a negative id (chat ids are positive), with each
            // result translated for the walkthrough.
            self.streamChat(-id, messages, maxTokens, temperature) { send(MigrationEffects.typeAnswerMessage($0, id: id)) }
        case .migration(.cancelTypeAnswer(let id)):
            self.chatTasks[-id]?.cancel()
            self.chatTasks[-id] = nil
        case .migration(let command):
            self.migration.perform(command, send: send)
        }
    }

    // MARK: - Engine

    private func connectEngine(_ send: @escaping Send) {
        let configuration = self.configuration
        Task {
            do {
                let (client, info) = try await Self.connect(configuration) { text in
                    Task { @MainActor in send(.engineProgressed(text)) }
                }
                self.client = client
                self.engineInfo = info
                send(.engineConnected(info))
            } catch {
                send(.engineFailed(describe(error)))
            }
        }
    }

    /// Connects to a remote endpoint, or to the local socket (starting the engine when nothing
    /// answers there).
    nonisolated private static func connect(_ configuration: EffectsConfiguration, progress: @escaping @Sendable (String) -> Void) async throws
        -> (EngineClient, EngineInfo)
    {
        let address = configuration.engineAddress
        if let address, address.hasPrefix("http://") || address.hasPrefix("https://") {
            progress("connecting to \(address)…")
            let client = try EngineClient(address: address, environment: configuration.environment)
            let health = try await client.health()
            return (client, Self.info(health, endpoint: address, started: nil))
        }
        var socket = configuration.paths.defaultSocketPath
        if let address {
            socket = String(address.hasPrefix("unix:") ? address.dropFirst(5) : Substring(address))
            if socket.hasPrefix("//") { socket = String(socket.dropFirst(2)) }
        }
        guard let model = configuration.modelDirectory else {
            throw ErrorWithContext(
                "no engine answers on \(socket) and no model to start one with",
                underlying: StoreError("pass --model DIR, or install seam with its bundled model"))
        }
        var launcher = EngineLauncher(socketPath: socket, modelDirectory: model, environment: nil)
        if let enginePath = configuration.enginePath { launcher.enginePath = enginePath }
        let started = LockedBox<Int32?>(nil)
        let socketPath = socket
        let (client, health) = try await launcher.connect { step in
            switch step {
            case .connecting: progress("connecting to unix:\(socketPath)…")
            case .started(let pid):
                started.withLock { $0 = pid }
                progress("started seam-engine (pid \(pid)), loading the model…")
            case .loading(let fraction):
                progress("loading the model" + (fraction.map { " \(Int($0 * 100))%" } ?? "") + "…")
            case .ready: break
            }
        }
        return (client, Self.info(health, endpoint: "unix:" + socket, started: started.value))
    }

    nonisolated private static func info(_ health: HealthStatus, endpoint: String, started: Int32?) -> EngineInfo {
        EngineInfo(
            model: health.model, endpoint: endpoint, isBundledDemo: health.bundledTinyModel ?? false, notice: health.notice,
            maxContext: health.maxContext, startedProcess: started)
    }

    private func loadEngineState(_ send: @escaping Send) {
        guard let client = self.client else { return }
        Task {
            do {
                let state = try await client.engineState()
                let latest = state.sessions.max { $0.lastUsed < $1.lastUsed }
                send(
                    .engineStateLoaded(
                        EngineStateSummary(
                            model: state.model, sessionCount: state.sessions.count, latestSessionTokens: latest?.tokens,
                            latestSessionID: latest?.id, cachedTokens: state.cachedTokens, kvBytes: state.kvBytes,
                            kvBytesByLayerKind: state.kvBytesByLayerKind, maxContext: state.maxContext,
                            residentBytes: state.residentBytes, prefixHits: state.prefixCache.hits,
                            reusedTokens: state.prefixCache.reusedTokens)))
            } catch {
                send(.engineStateFailed("engine state unavailable: \(describe(error))"))
            }
        }
    }

    private func countContext(_ revision: Int, _ messages: [ContextMessage], _ send: @escaping Send) {
        guard let client = self.client else { return }
        let model = self.engineInfo?.model
        let request = TokenizeRequest(model: model, messages: messages.map(Self.wire), addGenerationPrompt: true)
        Task {
            do {
                let response = try await client.tokenize(request)
                send(.contextCounted(revision: revision, tokens: response.count))
            } catch {
                send(.contextCountFailed(revision: revision, message: describe(error)))
            }
        }
    }

    private func streamChat(_ id: Int, _ messages: [ContextMessage], _ maxTokens: Int, _ temperature: Double?, _ send: @escaping Send) {
        guard let client = self.client else {
            send(.chatFailed(requestID: id, message: "the engine is not connected"))
            return
        }
        let request = ChatCompletionRequest(
            model: self.engineInfo?.model, messages: messages.map(Self.wire), streamOptions: StreamOptions(includeUsage: true),
            maxTokens: maxTokens, temperature: temperature)
        self.chatTasks[id] = Task {
            var finishReason: String?
            var usage: ChatState.UsageSummary?
            do {
                for try await chunk in client.streamChatCompletion(request) {
                    for choice in chunk.choices {
                        let content = choice.delta.content ?? ""
                        let reasoning = choice.delta.reasoningContent ?? ""
                        if !content.isEmpty || !reasoning.isEmpty {
                            send(.chatDeltaReceived(requestID: id, content: content, reasoning: reasoning))
                        }
                        if let reason = choice.finishReason { finishReason = reason.rawValue }
                    }
                    if let reported = chunk.usage {
                        usage = ChatState.UsageSummary(
                            promptTokens: reported.promptTokens, completionTokens: reported.completionTokens,
                            cachedTokens: reported.promptTokensDetails?.cachedTokens)
                    }
                }
                if Task.isCancelled { return }
                send(.chatFinished(requestID: id, finishReason: finishReason, usage: usage))
            } catch {
                if Task.isCancelled { return }
                send(.chatFailed(requestID: id, message: describe(error)))
            }
            self.chatTasks[id] = nil
        }
    }

    nonisolated private static func wire(_ message: ContextMessage) -> ChatMessage {
        ChatMessage(role: message.role.rawValue, content: message.content)
    }

    // MARK: - Workspace

    private func loadDirectory(_ path: String, _ send: @escaping Send) {
        // Watched before it is read, so no change after the listing goes unnoticed. Asked each
        // time: a directory deleted and made again needs a new watch (the watcher ignores one it
        // has already).
        self.listedDirectories.insert(path)
        self.watcher?.watch(path)
        let workspace = self.workspace
        Task {
            do {
                send(.directoryLoaded(try await workspace.loadDirectory(path)))
            } catch {
                send(.directoryFailed(path: path, message: describe(error)))
            }
        }
    }

    private func loadFile(_ path: String, _ send: @escaping Send) {
        let workspace = self.workspace
        Self.background(send) {
            do {
                return .fileLoaded(path: path, content: FileContentLoader.content(of: try workspace.readFile(path)))
            } catch {
                return .fileFailed(path: path, message: describe(error))
            }
        }
    }

    private func loadMemory(_ directory: String, _ send: @escaping Send) {
        let workspace = self.workspace
        let cap = self.configuration.memoryByteCap
        Self.background(send) {
            do {
                return .memoryLoaded(directory: directory, context: try MemorySources.collect(in: workspace, directory: directory, byteCap: cap))
            } catch {
                return .settingFailed("cannot read the instruction files: \(describe(error))")
            }
        }
    }

    private func loadFileIndex(_ send: @escaping Send) {
        guard self.fileIndexState == .notLoaded else {
            if self.fileIndexState == .loaded { send(.fileIndexLoaded(count: self.fileIndex.count, isComplete: true)) }
            return
        }
        self.fileIndexState = .loading
        let workspace = self.workspace
        DispatchQueue.global(qos: .userInitiated).async {
            workspace.walkFiles(options: WalkOptions(batchSize: 8192)) { batch in
                DispatchQueue.main.async {
                    MainActor.assumeIsolated {
                        self.fileIndex.append(batch)
                        send(.fileIndexLoaded(count: self.fileIndex.count, isComplete: false))
                    }
                }
            }
            DispatchQueue.main.async {
                MainActor.assumeIsolated {
                    self.fileIndexState = .loaded
                    send(.fileIndexLoaded(count: self.fileIndex.count, isComplete: true))
                }
            }
        }
    }

    private func find(_ query: String, forMentions: Bool, _ send: @escaping Send) {
        let generation = self.finderGeneration.withLock { value -> Int in
            value += 1
            return value
        }
        let counter = self.finderGeneration
        let index = self.fileIndex
        DispatchQueue.global(qos: .userInitiated).async {
            // A newer query makes this one pointless; skip it before doing the work.
            if !forMentions && counter.value != generation { return }
            let results = index.search(query, limit: forMentions ? 8 : 200)
            let message: Msg =
                forMentions
                ? .mentionsMatched(query: query, paths: results.matches.map(\.path))
                : .finderMatched(
                    query: query, items: results.matches.map { FinderItem(path: $0.path, positions: $0.characterPositions) },
                    total: results.totalMatches)
            DispatchQueue.main.async { MainActor.assumeIsolated { send(message) } }
        }
    }

    private func search(_ generation: Int, _ pattern: String, _ isRegex: Bool, _ send: @escaping Send) {
        let flag = CancellationFlag()
        self.searches[generation] = flag
        let workspace = self.workspace
        DispatchQueue.global(qos: .userInitiated).async {
            let search: ContentSearch
            do {
                search = try ContentSearch(SearchQuery(pattern, mode: isRegex ? .regex : .literal))
            } catch {
                DispatchQueue.main.async {
                    MainActor.assumeIsolated { send(.searchFinished(generation: generation, summary: "", error: describe(error))) }
                }
                return
            }
            let summary = search.run(in: workspace, cancel: flag) { matches in
                let items = matches.map { match in
                    SearchResultItem(
                        path: match.path, line: match.line, text: match.lineText,
                        ranges: match.ranges.map { TextOffsets.characterRange(forUTF8Range: $0, in: match.lineText) })
                }
                DispatchQueue.main.async { MainActor.assumeIsolated { send(.searchResultsFound(generation: generation, items: items)) } }
            }
            var text = "\(Format.thousands(summary.matchingLines)) lines in \(Format.thousands(summary.filesWithMatches)) files"
            text += " · \(Format.thousands(summary.filesSearched)) searched"
            if summary.isTruncated { text += " · stopped at the result limit" }
            if summary.isCancelled { text += " · cancelled" }
            DispatchQueue.main.async {
                MainActor.assumeIsolated {
                    self.searches[generation] = nil
                    send(.searchFinished(generation: generation, summary: text, error: nil))
                }
            }
        }
    }

    private func readAttachments(_ id: Int, _ paths: [String], _ byteCap: Int, _ send: @escaping Send) {
        let workspace = self.workspace
        Self.background(send) {
            var attachments: [Attachment] = []
            var failures: [String] = []
            for path in paths {
                do {
                    let document = try workspace.readFile(path, limits: FileContents.Limits(maximumBytes: byteCap))
                    guard document.content == .text else {
                        failures.append("@\(path) is a binary file; it was not attached")
                        continue
                    }
                    attachments.append(
                        Attachment(path: document.path, content: document.text, byteCount: document.sizeOnDisk, isTruncated: document.isTruncated))
                } catch {
                    failures.append("cannot attach @\(path): \(describe(error))")
                }
            }
            return .attachmentsLoaded(requestID: id, attachments: attachments, failures: failures)
        }
    }

    // MARK: - Watching

    private func gitStatusRefresher(_ send: @escaping Send) -> GitStatusRefresher {
        if let gitStatus { return gitStatus }
        let workspace = self.workspace
        let refresher = GitStatusRefresher(
            backoff: self.configuration.gitRefreshBackoff, load: { await workspace.loadGitStatus() },
            deliver: { send(.gitStatusLoaded($0)) })
        self.gitStatus = refresher
        return refresher
    }

    /// Starts the directory watcher (inotify, else polling) on every directory listed so far
    /// and the periodic git status refresh.
    private func watchWorkspace(_ send: @escaping Send) {
        guard self.watcher == nil else { return }
        let watcher = DirectoryWatcher(root: self.workspace.root) { changes in
            DispatchQueue.main.async { MainActor.assumeIsolated { send(.workspaceChanged(changes)) } }
        }
        for directory in self.listedDirectories { watcher.watch(directory) }
        self.watcher = watcher
        self.gitStatusRefresher(send).startPeriodic(every: self.configuration.gitRefreshInterval)
    }

    // MARK: - Helpers

    private func onStore(_ send: @escaping Send, _ work: @escaping @Sendable (ProjectStore) throws -> Msg, failure: @escaping @Sendable (String) -> Msg) {
        let store = self.store
        self.storeQueue.async {
            let message: Msg
            do {
                message = try work(store)
            } catch {
                message = failure(describe(error))
            }
            DispatchQueue.main.async { MainActor.assumeIsolated { send(message) } }
        }
    }

    /// Runs blocking `work` on a utility queue and sends its message back on the main queue.
    nonisolated private static func background(_ send: @escaping Send, _ work: @escaping @Sendable () -> Msg) {
        DispatchQueue.global(qos: .userInitiated).async {
            let message = work()
            DispatchQueue.main.async { MainActor.assumeIsolated { send(message) } }
        }
    }

    nonisolated private static func now() -> Int64 {
        Int64(time(nil))
    }

    nonisolated private static func pickerItem(_ conversation: Conversation) -> PickerItem {
        let count = conversation.messages.filter { $0.role == .user }.count
        return PickerItem(
            value: conversation.id, label: conversation.title.isEmpty ? "(untitled)" : conversation.title,
            detail: "\(count) question\(count == 1 ? "" : "s") · \(Self.date(conversation.updated))")
    }

    nonisolated private static func date(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min))"
    }
}
