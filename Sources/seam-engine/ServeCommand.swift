import Basics
import EngineServer
import Inference
import Tokenization

#if canImport(Glibc)
import Glibc
#endif

/// `seam-engine serve`: load a checkpoint and serve it over the Unix socket until SIGTERM/SIGINT.
let serveCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam-engine serve",
        abstract: "serve a checkpoint over a Unix socket with the OpenAI HTTP API",
        usage: "--model DIR [--socket PATH] [--threads N] [--max-context N]",
        options: [
            .init("model", value: "DIR", help: "checkpoint directory (config.json, safetensors, tokenizer.json)"),
            .init("socket", value: "PATH", help: "socket path (default $XDG_RUNTIME_DIR/seam/engine.sock)"),
            .init("threads", value: "N", help: "compute threads (default: all cores)"),
            .init("max-context", value: "N", help: "longest context in tokens (default 65536, capped by the model)"),
        ],
        discussion: """
            Routes: GET /health, GET /v1/models, POST /v1/chat/completions, POST /v1/completions,
            POST /v1/tokenize, POST /v1/detokenize, GET /v1/engine/state, GET /v1/engine/sessions,
            POST /v1/engine/sessions/{id}/save, POST /v1/engine/sessions/restore. Try:
              curl --unix-socket SOCKET http://localhost/health
            The socket's directory is 0700 and the socket 0600; connections from other users are
            refused. Saved sessions go to $XDG_DATA_HOME/seam/sessions. SIGTERM or SIGINT stops
            accepting, finishes or cancels in-flight requests, removes the socket and exits 0.
            """
    )
) { arguments in
    let modelDirectory = try arguments.required("model", "DIR")
    let paths = Paths()
    let socketPath = FileSystem.absolute(arguments.value("socket") ?? paths.defaultSocketPath)
    let threads = try arguments.integer("threads", in: 1...1024)
    let maxContext = try arguments.integer("max-context", in: 16...(1 << 24))

    // Signals are taken synchronously by this thread with sigwait; block them before any other
    // thread starts so every thread inherits the mask.
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGTERM)
    sigaddset(&signals, SIGINT)
    pthread_sigmask(SIG_BLOCK, &signals, nil)

    let model = try ModelDescriptor.load(directory: modelDirectory, maxContext: maxContext)
    let service = ServiceHolder()
    let scheduler = InferenceScheduler(
        configuration: InferenceScheduler.Configuration(
            cacheBudgetBytes: defaultCacheBudget(),
            maxContext: model.maxContext,
            modelFingerprint: model.fingerprint
        ),
        reportingLoader: { progress in
            // On the inference thread: the tokenizer, then the weights (the progress /health reports).
            let started = ContinuousClock.now
            let tokenizer = try Tokenizer(modelDirectory: model.directory)
            progress(0.05)
            let (languageModel, facts) = try ModelBootstrap.loadDeepSeekV4(
                directory: model.directory, threads: threads, maxContext: model.maxContext, progress: { progress(0.05 + 0.95 * $0) })
            service.value?.setRuntime(EngineRuntime(tokenizer: tokenizer, facts: facts))
            Log.shared.info(
                "loaded \(model.id): \(facts.parameterCount) parameters, \(facts.threads) threads, OpenBLAS core \(facts.openblasCore), in \(started.duration(to: .now))"
            )
            return languageModel
        })
    let engine = EngineService(model: model, scheduler: scheduler, sessionDirectory: paths.dataDirectory + "/sessions")
    service.value = engine
    let configuration = ServerConfiguration(
        socketPath: socketPath,
        managedDirectory: socketPath == paths.defaultSocketPath ? paths.runtimeDirectory : nil
    )
    let server = try HTTPServer(configuration: configuration, router: EngineRoutes.router(for: engine))
    server.setCancelInFlight { scheduler.cancelAll() }
    try server.start()
    try scheduler.start()
    Log.shared.info("serving \(model.id) from \(model.directory) on \(server.socketPath)")

    var received: Int32 = 0
    while sigwait(&signals, &received) != 0 {}
    Log.shared.info("received signal \(received): shutting down")
    server.stop()
    scheduler.stop()
    Log.shared.info("stopped; removed \(server.socketPath)")
    return 0
}

/// Lets the loader publish the runtime to the service created after it.
private final class ServiceHolder: @unchecked Sendable {
    // @unchecked: set once on the main thread before the inference thread starts loading.
    var value: EngineService?
}

/// A quarter of physical memory, at most 4 GiB: room for cached sessions beside the weights.
private func defaultCacheBudget() -> Int {
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, pageSize > 0 else { return 1 << 30 }
    return min(4 << 30, pages * pageSize / 4)
}
