/**
 * The Simplified Chinese text of socket-tutor (zh-CN), by key: the same area files
 * and keys as en/ (see en.ts for the syntax). A key missing here falls back to the
 * English text; `npm run i18n:missing` lists them and test/text/languages.test.ts fails on them.
 * Style: short sentences; 套接字, 三次握手, 四次挥手, 半关闭, 粘包/拆包; the English term in
 * parentheses at first use; API, errno and state names (accept(), ECONNRESET, TIME_WAIT) untranslated.
 */
import type { Catalog } from "../catalog.js";
import { atOnce } from "./zh-CN/atOnce.js";
import { chatBye } from "./zh-CN/chatBye.js";
import { chatRoom } from "./zh-CN/chatRoom.js";
import { check } from "./zh-CN/check.js";
import { cli } from "./zh-CN/cli.js";
import { clock } from "./zh-CN/clock.js";
import { common } from "./zh-CN/common.js";
import { demo } from "./zh-CN/demo.js";
import { doctor } from "./zh-CN/doctor.js";
import { echo } from "./zh-CN/echo.js";
import { exercise } from "./zh-CN/exercise.js";
import { help } from "./zh-CN/help.js";
import { kernel } from "./zh-CN/kernel.js";
import { lengthPrefix } from "./zh-CN/lengthPrefix.js";
import { lesson } from "./zh-CN/lesson.js";
import { lessons } from "./zh-CN/lessons.js";
import { lineJson } from "./zh-CN/lineJson.js";
import { list } from "./zh-CN/list.js";
import { live } from "./zh-CN/live.js";
import { menu } from "./zh-CN/menu.js";
import { outcome } from "./zh-CN/outcome.js";
import { plain } from "./zh-CN/plain.js";
import { progress } from "./zh-CN/progress.js";
import { proxy } from "./zh-CN/proxy.js";
import { render } from "./zh-CN/render.js";
import { reset } from "./zh-CN/reset.js";
import { sandbox } from "./zh-CN/sandbox.js";
import { stream } from "./zh-CN/stream.js";
import { summary } from "./zh-CN/summary.js";
import { tcpClient } from "./zh-CN/tcpClient.js";
import { trace } from "./zh-CN/trace.js";
import { udpKv } from "./zh-CN/udpKv.js";
import { udpRetry } from "./zh-CN/udpRetry.js";
import { udpUpper } from "./zh-CN/udpUpper.js";
import { verify } from "./zh-CN/verify.js";
import { wire } from "./zh-CN/wire.js";
import { words } from "./zh-CN/words.js";

export const zhCN: Catalog = {
  ...atOnce,
  ...chatBye,
  ...chatRoom,
  ...check,
  ...cli,
  ...clock,
  ...common,
  ...demo,
  ...doctor,
  ...echo,
  ...exercise,
  ...help,
  ...kernel,
  ...lengthPrefix,
  ...lesson,
  ...lessons,
  ...lineJson,
  ...list,
  ...live,
  ...menu,
  ...outcome,
  ...plain,
  ...progress,
  ...proxy,
  ...render,
  ...reset,
  ...sandbox,
  ...stream,
  ...summary,
  ...tcpClient,
  ...trace,
  ...udpKv,
  ...udpRetry,
  ...udpUpper,
  ...verify,
  ...wire,
  ...words,
};
