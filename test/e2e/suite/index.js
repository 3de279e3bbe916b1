// The extension host calls run() of the module named by extensionTestsPath: mocha, tdd
// interface, every *.test.js of this folder. A failing test rejects run(), which the
// driver turns into a non-zero exit code.
'use strict';
const path = require('path');
const fs = require('fs');
const Mocha = require('mocha');

exports.run = function run() {
    const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000 });
    for (const file of fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js')).sort()) {
        mocha.addFile(path.join(__dirname, file));
    }
    return new Promise((resolve, reject) => {
        try {
            mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} end-to-end test(s) failed.`)) : resolve()));
        } catch (error) {
            reject(error);
        }
    });
};
