import { cpython314 } from './helpers/cpython314.js';
const py = await cpython314();
try { console.log(py.run('import asyncio.tools\nprint("tools ok")')); } catch (e) { console.log('tools fail', String(e).slice(-300)); }
try { console.log(py.run(`
import asyncio, sys
async def leaf():
    print(asyncio.format_call_graph())
async def main():
    await leaf()
loop = asyncio.new_event_loop()
t = loop.create_task(main())
print(type(loop))
`)); } catch (e) { console.log('loop fail', String(e).slice(-400)); }
