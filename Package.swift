// swift-tools-version:6.1
//
// Seam: a terminal workbench for exploring and refactoring codebases with a DeepSeek-V4 model,
// and the engine that runs the model. This manifest is the table of contents of the modules in
// docs/ARCHITECTURE.md. No Swift package dependencies: the toolchain plus the system libraries
// ncursesw and OpenBLAS.

import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode, and imports that must be explicit in
/// every file that uses a member (so a module's dependencies are visible where they are used).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The engine's kernel modules (Tensors, DeepSeekV4) are optimised even in debug builds, because
/// their tests run real forward passes, and on x86-64 they target AVX2/FMA/F16C (`haswell`):
/// without it Swift's SIMD types lower to SSE2 and the dequantising kernels run several times
/// slower. Other targets keep the defaults.
#if arch(x86_64)
let kernelSettings: [SwiftSetting] = [.unsafeFlags(["-O", "-target-cpu", "haswell"])]
#else
let kernelSettings: [SwiftSetting] = [.unsafeFlags(["-O"])]
#endif

let package = Package(
    name: "Seam",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "seam", targets: ["seam"]),
        .executable(name: "seam-engine", targets: ["seam-engine"]),
    ],
    targets: [
        // MARK: - System libraries

        /// ncursesw with `cn_` shims for the API that exists only as C macros. No pkgConfig: its
        /// cflags are defines SwiftPM refuses with a warning; shim.h sets them itself.
        .systemLibrary(name: "CNCursesW"),
        /// OpenBLAS through its CBLAS header; used for large GEMMs during prefill only.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),

        /// POSIX API that glibc declares only under _GNU_SOURCE (posix_spawn chdir and setsid,
        /// SO_PEERCRED's struct ucred), wrapped as plain C functions.
        .target(name: "CSeamSystem"),
        /// The dequantising matrix × vector kernels for x86-64 (bf16, FP8, FP4 in AVX2 and AVX-512,
        /// picked at run time by CPUID), in C with intrinsics: Swift's SIMD types cannot express
        /// the table lookups (vpshufb, vpermps) they are built on. Optimised in debug builds too.
        .target(name: "CSeamKernels", cSettings: [.unsafeFlags(["-O2"])]),

        // MARK: - Shared foundation

        /// Errors, lock+value boxes, the TOML-subset reader, XDG paths, logging, argument parsing,
        /// subprocesses.
        .target(name: "Basics", dependencies: ["CSeamSystem"]),

        // MARK: - Engine side

        /// Storage and dtypes (f32, bf16, f16, fp8 e4m3 + e8m0 block scales, fp4 e2m1), BLAS
        /// wrappers, SIMD kernels, a small blocking thread pool.
        .target(name: "Tensors", dependencies: ["Basics", "COpenBLAS", "CSeamKernels"], swiftSettings: kernelSettings),
        /// Safetensors (mmap, sharded index), config.json, weight-table validation.
        .target(name: "Checkpoint", dependencies: ["Basics", "Tensors"]),
        /// tokenizer.json byte-level BPE, added and special tokens, streaming decoding.
        .target(name: "Tokenization", dependencies: ["Basics"]),
        /// DeepSeek-V4 prompt encoding (chat, thinking, tools as DSML) and completion parsing.
        .target(name: "ChatFormat", dependencies: ["Basics"]),
        /// The DeepSeek-V4 forward pass (mHC, window/CSA/HCA attention, lightning indexer, MoE),
        /// the per-sequence sparse KV cache, and a naive reference path for tests.
        .target(name: "DeepSeekV4", dependencies: ["Basics", "Tensors", "Checkpoint"], swiftSettings: kernelSettings),
        /// Sessions, prefix reuse, sampler, generation loop, stop handling, scheduler.
        .target(
            name: "Inference",
            dependencies: ["Basics", "Tensors", "Checkpoint", "Tokenization", "ChatFormat", "DeepSeekV4"]
        ),
        /// Codable wire types (OpenAI shapes and engine routes), shared by both processes.
        .target(name: "EngineProtocol", dependencies: ["Basics"]),
        /// Unix-socket listener, incremental HTTP/1.1 parser, SSE writer, routes.
        .target(
            name: "EngineServer",
            dependencies: ["Basics", "EngineProtocol", "Inference", "Tokenization", "ChatFormat"]
        ),

        // MARK: - Workbench side

        /// HTTP/1.1 client over a Unix socket or TCP, SSE decoding into chunks.
        .target(name: "EngineClient", dependencies: ["Basics", "EngineProtocol"]),
        /// File tree, ignore rules, git status, search, file reading with encodings.
        .target(name: "Workspace", dependencies: ["Basics"]),
        /// Line diff (Myers, histogram/patience) on interned lines, hunks, word refinement,
        /// unified-diff parsing and formatting.
        .target(name: "Diffing", dependencies: ["Basics"]),
        /// Changesets from model edit formats, per-hunk apply with a tolerance ladder, atomic
        /// writes, the journal, checkpoints with undo and redo.
        .target(name: "Changes", dependencies: ["Basics", "Diffing", "Workspace"]),
        /// JS/TS lexer, imports and exports, module resolution, import graph, JSDoc types.
        .target(name: "CodeIndex", dependencies: ["Basics", "Workspace"]),
        /// One codemod per file (JS→TS steps); codemods return edits only.
        .target(name: "Codemods", dependencies: ["Basics", "CodeIndex", "Diffing", "Changes", "Workspace"]),
        /// Cells, styles, layout, key events, the Backend protocol and a TestBackend.
        .target(name: "TerminalKit", dependencies: ["Basics"]),
        /// The ncurses Backend: the only importer of CNCursesW, main actor only.
        .target(name: "TerminalCurses", dependencies: ["Basics", "TerminalKit", "CNCursesW"]),
        /// App state, messages, update, commands, panes, keymaps, themes.
        .target(
            name: "Workbench",
            dependencies: [
                "Basics", "TerminalKit", "EngineClient", "EngineProtocol", "Workspace", "Diffing", "Changes",
                "CodeIndex", "Codemods",
            ]
        ),

        // MARK: - Executables

        /// The workbench: parses arguments, wires modules, runs.
        .executableTarget(
            name: "seam",
            dependencies: [
                "Basics", "TerminalKit", "TerminalCurses", "Workbench", "EngineClient", "EngineProtocol",
                "Workspace", "Diffing", "Changes", "CodeIndex", "Codemods",
            ]
        ),
        /// The engine: serve, generate, eval, tokenize, bench, info.
        .executableTarget(
            name: "seam-engine",
            dependencies: [
                "Basics", "Tensors", "Checkpoint", "Tokenization", "ChatFormat", "DeepSeekV4", "Inference",
                "EngineProtocol", "EngineServer",
            ]
        ),

        /// Workbench-side benchmarks (tree load, key-to-frame latency, diff and apply rates).
        .executableTarget(
            name: "seam-bench",
            dependencies: ["Basics", "TerminalKit", "Workbench", "Workspace", "Diffing", "Changes"]
        ),

        // MARK: - Tests

        /// Helpers shared by the test targets: temporary directories, fixture paths, process
        /// helpers, tmux sessions.
        .target(name: "TestSupport", dependencies: ["Basics"], path: "Tests/TestSupport"),
        .testTarget(name: "TestSupportTests", dependencies: ["Basics", "TestSupport"]),
        .testTarget(name: "BasicsTests", dependencies: ["Basics", "TestSupport"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"]),
        .testTarget(name: "CheckpointTests", dependencies: ["Checkpoint", "Tensors", "TestSupport"]),
        .testTarget(name: "TokenizationTests", dependencies: ["Tokenization", "TestSupport"]),
        .testTarget(name: "ChatFormatTests", dependencies: ["ChatFormat", "TestSupport"]),
        .testTarget(
            name: "DeepSeekV4Tests",
            dependencies: ["DeepSeekV4", "Checkpoint", "Tensors", "TestSupport"]
        ),
        .testTarget(
            name: "InferenceTests",
            dependencies: ["Inference", "DeepSeekV4", "Tokenization", "ChatFormat", "TestSupport"]
        ),
        .testTarget(name: "EngineProtocolTests", dependencies: ["EngineProtocol", "TestSupport"]),
        .testTarget(
            name: "EngineServerTests",
            dependencies: ["EngineServer", "EngineProtocol", "Inference", "Tokenization", "ChatFormat", "TestSupport"]
        ),
        .testTarget(
            name: "EngineClientTests",
            dependencies: ["EngineClient", "EngineProtocol", "EngineServer", "Inference", "TestSupport"]
        ),
        .testTarget(name: "WorkspaceTests", dependencies: ["Workspace", "TestSupport"]),
        .testTarget(name: "DiffingTests", dependencies: ["Diffing", "TestSupport"]),
        .testTarget(name: "ChangesTests", dependencies: ["Changes", "Diffing", "Workspace", "TestSupport"]),
        .testTarget(name: "CodeIndexTests", dependencies: ["CodeIndex", "Workspace", "TestSupport"]),
        .testTarget(name: "CodemodsTests", dependencies: ["Codemods", "CodeIndex", "Changes", "TestSupport"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TestSupport"]),
        .testTarget(name: "TerminalCursesTests", dependencies: ["TerminalCurses", "TerminalKit", "TestSupport"]),
        .testTarget(
            name: "WorkbenchTests",
            dependencies: ["Workbench", "TerminalKit", "EngineProtocol", "Changes", "CodeIndex", "Codemods", "TestSupport"]
        ),
        /// End-to-end tests of the real binaries: the engine over its socket (curl, the openai
        /// Python client) and the workbench inside tmux.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Basics", "TestSupport"],
            // Python scripts the tests run (the openai client checks), not Swift sources.
            exclude: ["python"]
        ),
    ]
)

// Every Swift target gets the shared settings (NIO's closing loop).
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
