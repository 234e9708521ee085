#!/usr/bin/env node
// The installed command. The TypeScript in src/ is compiled to lib/ by `npm install` (`prepare`).
import { main } from '../lib/cli/main.js'

await main(process.argv.slice(2))
