/**
 * The English text of socket-tutor, by key, in one file per area (en/*.ts); this
 * file joins them. To translate: make a folder <language>/ (e.g. zh-CN/) with the
 * same files and keys, translate the texts, keep every {placeholder} (their names
 * are the code's) and # in plural branches. Syntax (src/text/format.ts): {name},
 * {n, number}, {n, plural, one {# x} other {# xs}}, {v, select, a {…} other {…}};
 * a literal brace is \{ or \}. Every key starts with its area's name.
 * The comment above a key or a group says what a translator needs to know.
 */
import { atOnce } from "./en/atOnce.js";
import { chatBye } from "./en/chatBye.js";
import { chatRoom } from "./en/chatRoom.js";
import { check } from "./en/check.js";
import { cli } from "./en/cli.js";
import { clock } from "./en/clock.js";
import { common } from "./en/common.js";
import { demo } from "./en/demo.js";
import { doctor } from "./en/doctor.js";
import { echo } from "./en/echo.js";
import { exercise } from "./en/exercise.js";
import { help } from "./en/help.js";
import { kernel } from "./en/kernel.js";
import { lesson } from "./en/lesson.js";
import { lengthPrefix } from "./en/lengthPrefix.js";
import { lessons } from "./en/lessons.js";
import { list } from "./en/list.js";
import { lineJson } from "./en/lineJson.js";
import { live } from "./en/live.js";
import { menu } from "./en/menu.js";
import { outcome } from "./en/outcome.js";
import { plain } from "./en/plain.js";
import { progress } from "./en/progress.js";
import { proxy } from "./en/proxy.js";
import { render } from "./en/render.js";
import { reset } from "./en/reset.js";
import { sandbox } from "./en/sandbox.js";
import { stream } from "./en/stream.js";
import { summary } from "./en/summary.js";
import { tcpClient } from "./en/tcpClient.js";
import { trace } from "./en/trace.js";
import { udpKv } from "./en/udpKv.js";
import { udpRetry } from "./en/udpRetry.js";
import { udpUpper } from "./en/udpUpper.js";
import { verify } from "./en/verify.js";
import { wire } from "./en/wire.js";
import { words } from "./en/words.js";

export const en = {
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
  ...lesson,
  ...lengthPrefix,
  ...lessons,
  ...list,
  ...lineJson,
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
} as const;
