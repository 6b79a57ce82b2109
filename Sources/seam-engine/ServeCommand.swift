import Basics
import EngineServer

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
            POST /v1/tokenize, POST /v1/detokenize, GET /v1/engine/state. Try:
              curl --unix-socket SOCKET http://localhost/health
            SIGTERM or SIGINT stops accepting, finishes or cancels in-flight requests, removes the
            socket and exits 0.
            """
    )
) { arguments in
    let modelDirectory = try arguments.required("model", "DIR")
    let paths = Paths()
    let socketPath = FileSystem.absolute(arguments.value("socket") ?? paths.defaultSocketPath)
    let threads = try arguments.integer("threads", in: 1...1024)
    let maxContext = try arguments.integer("max-context", in: 16...(1 << 24))
    _ = threads

    // Signals are taken synchronously by this thread with sigwait; block them before any other
    // thread starts so every thread inherits the mask.
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGTERM)
    sigaddset(&signals, SIGINT)
    pthread_sigmask(SIG_BLOCK, &signals, nil)

    let model = try ModelDescriptor.load(directory: modelDirectory, maxContext: maxContext)
    let service = EngineService(model: model, state: .ready)
    let configuration = ServerConfiguration(
        socketPath: socketPath,
        managedDirectory: socketPath == paths.defaultSocketPath ? paths.runtimeDirectory : nil
    )
    let server = try HTTPServer(configuration: configuration, router: EngineRoutes.router(for: service))
    try server.start()
    Log.shared.info("serving \(model.id) from \(model.directory) on \(server.socketPath)")

    var received: Int32 = 0
    while sigwait(&signals, &received) != 0 {}
    Log.shared.info("received signal \(received): shutting down")
    server.stop()
    Log.shared.info("stopped; removed \(server.socketPath)")
    return 0
}
