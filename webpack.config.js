/*
 * Builds the Excel add-in into dist/ (docs/addin.md describes the whole set-up).
 *
 *   npm run build       production, dist/
 *   npm run build:dev   development, dist/ with source maps
 *   npm run dev-server  https://localhost:3000 from memory (the URLs in manifest.xml)
 *
 * One page, taskpane.html, loads both bundles: the shared runtime runs the task
 * pane and the custom functions side by side. Each bundle is self-contained (no
 * shared runtime chunk), so functions.js also works when Excel loads it alone
 * by the manifest's Script URL.
 *
 * Nothing here touches the network. Dev certificates are looked up only for
 * `webpack serve`; a build never asks for them (CI has none and installs none).
 */
"use strict";
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { NormalModule, WebpackError, sources } = require("webpack");

const DEV_SERVER_PORT = 3000;
// Absolute: the metadata plugin resolves its input against the working directory, not `context`.
const FUNCTIONS_SOURCE = path.resolve(__dirname, "src/functions/functions.ts");

/**
 * functions.json in Swedish and Malay, from the English one the plugin makes:
 * the descriptions from the catalogs (src/functions/metadata.ts, loaded through
 * tsx, a dependency already). The manifest points sv-SE and ms-MY at them.
 */
function localizedMetadata(json) {
  const { require: requireTs } = require("tsx/cjs/api");
  const { metadataIn, METADATA_FILES } = requireTs("./src/functions/metadata.ts", __filename);
  const metadata = JSON.parse(json);
  // English is the plugin's own functions.json; every other language gets its file.
  return Object.entries(METADATA_FILES).filter(([language]) => language !== "en").map(([language, file]) => [file, JSON.stringify(metadataIn(metadata, language), null, 4)]);
}

/**
 * custom-functions-metadata-plugin, minus the loader it adds to append
 * `CustomFunctions.associate(...)` to the functions source. That appended call
 * is unguarded and would throw where the shared page is opened outside Excel;
 * functions.ts registers each function itself, behind a guard. Beside
 * functions.json it emits the Swedish and Malay metadata.
 */
class FunctionsMetadataPlugin extends CustomFunctionsMetadataPlugin {
  apply(compiler) {
    super.apply(compiler);
    compiler.hooks.compilation.tap("FunctionsMetadataPlugin", (compilation) => {
      NormalModule.getCompilationHooks(compilation).beforeLoaders.tap("FunctionsMetadataPlugin", (loaders) => {
        for (let i = loaders.length - 1; i >= 0; i--) {
          if (/custom-functions-metadata-plugin[\\/]lib[\\/]loader\.js$/.test(loaders[i].loader)) loaders.splice(i, 1);
        }
      });
      // The plugin has just put functions.json among the assets (its own compilation tap runs first).
      const english = compilation.assets[this.options.output];
      if (!english) return;
      try {
        for (const [file, text] of localizedMetadata(english.source().toString())) compilation.assets[file] = new sources.RawSource(text);
      } catch (e) {
        compilation.errors.push(new WebpackError(`functions metadata in Swedish and Malay: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  }
}

/**
 * The help page (the manifest's SupportUrl) in each language, made from the
 * catalogs by src/taskpane/help-page.ts (loaded through tsx, as above).
 */
class HelpPagesPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("HelpPagesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "HelpPagesPlugin", stage: compilation.constructor.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        try {
          const { require: requireTs } = require("tsx/cjs/api");
          const { helpPage, HELP_FILES } = requireTs("./src/taskpane/help-page.ts", __filename);
          for (const [language, file] of Object.entries(HELP_FILES)) compilation.emitAsset(file, new sources.RawSource(helpPage(language)));
        } catch (e) {
          compilation.errors.push(new WebpackError(`help pages: ${e instanceof Error ? e.message : String(e)}`));
        }
      });
    });
  }
}

/**
 * Browser mode's page: taskpane.html without office.js. Loaded outside Office,
 * office.js asks Microsoft's servers for more (a file-mapping script, a
 * telemetry frame); without it the page asks nothing of any other host, and
 * index.tsx starts browser mode at once instead of waiting for Office.onReady.
 */
function browserPage() {
  const page = require("node:fs").readFileSync(path.resolve(__dirname, "src/taskpane/taskpane.html"), "utf8");
  const officeJs = /\s*<!--(?:(?!-->)[\s\S])*-->\s*<script src="https:\/\/appsforoffice\.microsoft\.com\/[^"]*office\.js"><\/script>/;
  if (!officeJs.test(page)) throw new Error("src/taskpane/taskpane.html: the office.js tag (after its comment) was not found, so browser.html cannot leave it out");
  return page.replace(officeJs, "");
}

/** dev-server options; only called for `webpack serve`. */
async function devServer() {
  // Required here, not at the top: loading office-addin-dev-certs is the first step towards certificates.
  const { getHttpsServerOptions } = require("office-addin-dev-certs");
  return {
    port: DEV_SERVER_PORT,
    server: { type: "https", options: await getHttpsServerOptions() },
    // Excel on the web fetches functions.json and the icons from another origin.
    headers: { "Access-Control-Allow-Origin": "*" },
    static: false,
  };
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    context: __dirname,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: FUNCTIONS_SOURCE,
      // The task pane's costing runs here, off the page (src/taskpane/job); the pane starts it by this name.
      "engine-worker": "./src/taskpane/job/engine.worker.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js", // fixed names: manifest.xml points at functions.js, the pane at engine-worker.js
      // Chunks (the browser mode's xlsx.js) load relative to the page. An explicit public path also keeps
      // webpack's "auto" detection code (which probes for importScripts) out of the bundles.
      publicPath: "",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // Type-checking is `tsc --noEmit` in npm test; here, only transpile.
              transpileOnly: true,
              // ES modules so webpack can tree-shake Fluent UI (tsconfig.json says commonjs for Node).
              compilerOptions: { module: "es2020", sourceMap: !production },
            },
          },
        },
      ],
    },
    plugins: [
      new FunctionsMetadataPlugin({ input: FUNCTIONS_SOURCE, output: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "functions"],
      }),
      // Browser mode without Excel: the task pane alone, with no office.js (and no functions, which only Excel calls).
      new HtmlWebpackPlugin({
        filename: "browser.html",
        templateContent: browserPage,
        chunks: ["taskpane"],
      }),
      new HelpPagesPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          // Custom functions' help URLs point into this page.
          { from: "docs/functions.md", to: "functions.md" },
        ],
      }),
    ],
    optimization: {
      // The browser mode's chunk (the .xlsx adapter with ExcelJS) stays one file, xlsx.js, instead of a
      // numbered vendors chunk beside it. Entries are not split either way.
      splitChunks: { cacheGroups: { defaultVendors: false, default: false } },
    },
    performance: {
      // React + Fluent UI in one task-pane bundle, loaded once from localhost or the add-in's host.
      maxEntrypointSize: 1024 * 1024,
      maxAssetSize: 1024 * 1024,
    },
    devServer: env.WEBPACK_SERVE ? await devServer() : undefined,
  };
};
