'use strict';

const path = require('node:path');

/** Absolute path of the built explorer (`npm run build -w web/explorer`); serve it under /explorer/. */
exports.distDir = path.join(__dirname, 'dist');
