import type { sandbox as en } from "../en/sandbox.js";
import type { Translation } from "../translation.js";

export const sandbox: Translation<typeof en> = {
  "sandbox.noNamespaces": "{platform} 没有 Linux 命名空间（namespace）",
  "sandbox.missingTool": "没有安装 {tool}（util-linux）",
  "sandbox.startTimeout": "命名空间没有在 {seconds} 秒内启动",
  "sandbox.noLoopback": "无法在私有网络中启用环回接口（ip 和 python3 都做不到）",
  "sandbox.cannotStart": "unshare 无法启动：{error}",
  "sandbox.exitedEarly": "命名空间就绪之前 unshare 就退出了",
  "sandbox.off": "SOCKET_TUTOR_SANDBOX 已关闭",
  "sandbox.helperGone": "检查器在私有网络中的套接字助手停止了：{why}",
};
