import type { cli as en } from "../en/cli.js";
import type { Translation } from "../translation.js";

export const cli: Translation<typeof en> = {
  "cli.tagline": "socket-tutor：看着真实的套接字工作，学习套接字编程。",
  "cli.usage": "用法：socket-tutor <命令> [选项]",
  "cli.commands": "命令：",
  "cli.options": "选项：",
  "cli.langOption": "  --lang <代码>  界面语言：en 或 zh-CN（也可用 SOCKET_TUTOR_LANG）",
  "cli.helpOption": "  -h, --help     显示帮助（也可用：socket-tutor <命令> --help）",
  "cli.versionOption": "  -v, --version  显示版本",
  "cli.startHere": "从这里开始：{command}",
  "cli.usageLine": "用法：socket-tutor {usage}",
  "cli.usageMore": "      socket-tutor {usage}",
  "cli.noArgs": "'{command}' 不接受参数：{extra}",
  "cli.tooManyArgs": "参数太多：{extra}（用法：socket-tutor {usage}）",
  "cli.unknownCommand": "没有 '{name}' 这个命令。{suggestion}",
  "cli.unknownOption": "未知选项 '{name}'。选项写在命令后面，例如 'socket-tutor list --help'。",
  "cli.seeHelp": "运行 '{command}' 查看用法。",
  "cli.unexpected": "socket-tutor：意外错误：{message}",
  "cli.bug": "这是 socket-tutor 的一个缺陷。设置 SOCKET_TUTOR_DEBUG=1 再运行一次可看到详细信息。",
  "cli.didYouMean": "你是想输入 {names} 吗？",
  "cli.problems": "{files, plural, other {有 # 个课程、演示或练习文件存在问题（出错的部分已跳过）：}}",
  "cli.whichLesson": "哪一课？请给出课程的 id 或编号，例如 '{example}'。'{list}' 列出全部课程。",
  "cli.noLesson": "没有课程 '{query}'。{suggestion}'{list}' 列出全部课程。",
  "cli.langNeedsValue": "--lang 需要一个语言代码：{languages}",
  "cli.unknownLanguage": "socket-tutor 没有 '{value}' 这种语言。可用的语言：{languages}。",
  "cli.unknownLanguageEnv": "SOCKET_TUTOR_LANG 的值是 '{value}'，socket-tutor 没有这种语言（{languages}）；改用其他设置。",
};
