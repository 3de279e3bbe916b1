// Starts code-server 4.100.3 (from .cache/code-server, see scripts/install-code-server.sh)
// and headless Debian Chromium for one end-to-end run, each in a throwaway user-data,
// extensions and config directory; stops the whole process group afterwards.
// Shared by the test driver (run-web-tests.js) and the UI check (ui/ui-check.js).
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const cp = require('child_process');
const net = require('net');

const repo = path.resolve(__dirname, '../../..');
const CODE_SERVER = process.env.CODE_SERVER || path.join(repo, '.cache/code-server/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const DEBUG = !!process.env.DEBUG_E2E;
// EXTENSIONS_GALLERY='{}' turns the marketplace off: no DNS errors or delays offline.
const env = { ...process.env, EXTENSIONS_GALLERY: '{}' };

function freePort() {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
    });
}

class CodeServer {
    constructor() {
        this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-e2e-'));
        this.dirs = ['--user-data-dir', path.join(this.tmp, 'user-data'), '--extensions-dir', path.join(this.tmp, 'extensions'),
            '--config', path.join(this.tmp, 'config.yaml')]; // never ~/.config/code-server/config.yaml
        /** Last "Extension Host Process exited with code: N, signal: S" of the server log. */
        this.extHostExit = null;
        this.log = '';
        // Settings that keep walkthroughs and prompts from taking the focus.
        const settings = path.join(this.tmp, 'user-data/User/settings.json');
        fs.mkdirSync(path.dirname(settings), { recursive: true });
        fs.writeFileSync(settings, JSON.stringify({
            'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'security.workspace.trust.enabled': false,
            'extensions.ignoreRecommendations': true, 'workbench.enableExperiments': false, 'telemetry.telemetryLevel': 'off',
        }));
    }

    installExtension(vsix) {
        const r = cp.spawnSync(process.execPath, [CODE_SERVER, ...this.dirs, '--install-extension', path.resolve(vsix)], { encoding: 'utf8', env });
        if (r.status !== 0) throw new Error(`--install-extension ${vsix} failed:\n${r.stdout}${r.stderr}`);
        return r.stdout.trim().split('\n').pop();
    }

    async start(folder, port = 0) {
        if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server is not installed at ${CODE_SERVER}: run scripts/install-code-server.sh`);
        this.port = port || await freePort();
        const args = [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${this.port}`,
            '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...this.dirs, folder];
        // Its own process group, so that stop() ends the extension host, ptyHost and watcher with it.
        this.server = cp.spawn(process.execPath, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
        await new Promise((resolve, reject) => {
            const onData = d => {
                const s = d.toString();
                if (DEBUG) process.stdout.write('[server] ' + s);
                this.log += s;
                const m = /Extension Host Process exited with code: (\w+), signal: (\w+)/.exec(s);
                if (m) this.extHostExit = { code: m[1] === 'null' ? null : Number(m[1]), signal: m[2] };
                if (/HTTP server listening on/.test(this.log)) resolve();
                if (/EADDRINUSE/.test(s)) reject(new Error(`port ${this.port} already in use`));
            };
            this.server.stdout.on('data', onData);
            this.server.stderr.on('data', onData);
            this.server.on('exit', c => reject(new Error(`code-server exited early with ${c}\n${this.log}`)));
        });
        this.authority = `127.0.0.1:${this.port}`;
    }

    remoteUri(p) {
        return `vscode-remote://${this.authority}${p.split(path.sep).join('/')}`;
    }

    async launchBrowser() {
        const { chromium } = require('playwright-core');
        this.browser = await chromium.launch({
            executablePath: CHROMIUM, headless: true,
            args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
        });
        const page = await this.browser.newPage({ viewport: { width: 1400, height: 860 } });
        page.on('pageerror', e => { if (DEBUG) console.error('[page error]', e.message); });
        page.on('console', m => { if (DEBUG) console.log(`[browser ${m.type()}]`, m.text()); });
        return page;
    }

    /** The workbench URL for a folder, with an optional payload (extensionDevelopmentPath, extensionTestsPath...). */
    url(folder, payload) {
        const query = [`folder=${encodeURIComponent(folder)}`];
        if (payload) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
        return `http://${this.authority}/?${query.join('&')}`;
    }

    async stop() {
        try { if (this.browser) await this.browser.close(); } catch { /* already closed */ }
        if (this.server && this.server.exitCode === null) {
            try { process.kill(-this.server.pid, 'SIGTERM'); } catch { /* already gone */ }
            await new Promise(r => setTimeout(r, 500));
            try { process.kill(-this.server.pid, 'SIGKILL'); } catch { /* already gone */ }
        }
        try { fs.rmSync(this.tmp, { recursive: true, force: true }); } catch { /* ignore */ }
    }
}

module.exports = { CodeServer, repo };
