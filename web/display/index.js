'use strict';

const path = require('node:path');

/** Absolute path of the built display (`npm run build -w web/display`); serve it at /display/:facilityId. */
exports.distDir = path.join(__dirname, 'dist');
