-- plan-lint for Neovim: filetype detection for plan documents and the
-- language server (`plan-lint lsp`) attached to them.
--
-- Use: copy this file to ~/.config/nvim/lua/plan-lint.lua and put
--   require('plan-lint').setup()
-- in init.lua (options: see `defaults` below), or source it directly:
--   nvim -u editors/nvim/plan-lint.lua   (it calls setup() when sourced
--   as a script rather than required).
-- Works with Neovim 0.7 (Debian 12: no vim.lsp.start, so start_client +
-- buf_attach_client) and 0.8+ (vim.lsp.start).
--
-- A plan saved as plain text (`.txt`, filetype `text`) whose first 32 KB
-- look like a plan gets filetype `plan` too (option detect_plain_text,
-- default true): M.looks_like_plan below, the same test as the VS Code
-- extension's (editors/vscode/src/detect.ts; keep the two in step).

local M = {}

local defaults = {
  -- The binary; `plan-lint` on PATH unless given (or $PLAN_LINT_BIN is set).
  cmd = { os.getenv('PLAN_LINT_BIN') or 'plan-lint', 'lsp' },
  -- Filetypes linted; add 'text' or 'markdown' to lint those buffers too.
  filetypes = { 'plan' },
  -- Files marking the project root (the server finds plan-lint.toml itself).
  root_markers = { 'plan-lint.toml', '.git' },
  -- Give filetype `plan` to a `text` buffer (a `.txt` file) that looks like
  -- a plan (M.looks_like_plan).
  detect_plain_text = true,
}

-- Words only plans (and their 通知) use; two distinct ones are needed.
M.plan_words = {
  '方案', '计划', '规划', '牵头', '责任单位', '配合单位', '附件', '印发',
  '人民政府', '重点任务', '保障措施', '工作目标', '总体要求', '指导思想',
}
M.sniff_bytes = 32 * 1024

local function starts(line, prefix)
  return line:sub(1, #prefix) == prefix
end

-- Leading white space as plans arrive (what a web page or Word leaves):
-- ASCII blanks, no-break space, U+1680, U+2000-U+200A, U+2028, U+2029,
-- U+202F, U+205F, the ideographic space U+3000, a BOM, bullets • and ·.
local leading = {
  '^[ \t\f\v]+', '^\194[\160\183]', '^\225\154\128', '^\226\128[\128-\138\168\169\175\162]',
  '^\226\129\159', '^\227\128\128', '^\239\187\191',
}
local function trim_start(line)
  local changed = true
  while changed do
    changed = false
    for _, p in ipairs(leading) do
      local t = line:gsub(p, '', 1)
      if t ~= line then line, changed = t, true end
    end
  end
  return line
end

-- 二、, (一)/（一）, or 1. / 1、 / 1． not followed by a digit (1.5 is a number).
local function ladder_step(line)
  if starts(line, '二、') or starts(line, '（一）') or starts(line, '(一)')
    or starts(line, '（一)') or starts(line, '(一）') then
    return true
  end
  for _, sep in ipairs({ '.', '、', '．' }) do
    if starts(line, '1' .. sep) then
      local next = line:sub(#sep + 2, #sep + 2)
      local next3 = line:sub(#sep + 2, #sep + 4)
      -- a half-width digit, or a full-width one (０-９: EF BC 90-99)
      local full = next3:byte(1) == 0xEF and next3:byte(2) == 0xBC
        and (next3:byte(3) or 0) >= 0x90 and (next3:byte(3) or 0) <= 0x99
      return not next:match('%d') and not full
    end
  end
  return false
end

--- Does this text look like a plan? A heading 一、 at the start of a line,
--- a second step of the heading ladder (二、, (一), 1.), and two distinct
--- plan words, all within the first 32 KB. Returns the reason or nil.
function M.looks_like_plan(text)
  text = text:sub(1, M.sniff_bytes)
  local level1, step = false, false
  for raw in text:gmatch('[^\r\n]+') do
    local line = trim_start(raw)
    if starts(line, '一、') then
      level1 = true
    elseif ladder_step(line) then
      step = true
    end
    if level1 and step then break end
  end
  if not (level1 and step) then return nil end
  local found = {}
  for _, w in ipairs(M.plan_words) do
    if text:find(w, 1, true) then found[#found + 1] = w end
  end
  if #found < 2 then return nil end
  return 'headings 一、 and a second level, plan words ' .. table.concat(found, ' ', 1, math.min(#found, 4))
end

local function buffer_head(buf)
  local parts, size = {}, 0
  local count = vim.api.nvim_buf_line_count(buf)
  local i = 0
  while i < count and size < M.sniff_bytes do
    local chunk = vim.api.nvim_buf_get_lines(buf, i, math.min(i + 200, count), false)
    for _, l in ipairs(chunk) do
      parts[#parts + 1] = l
      size = size + #l + 1
    end
    i = i + 200
  end
  return table.concat(parts, '\n')
end

local function root_dir(buf, markers)
  local name = vim.api.nvim_buf_get_name(buf)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  for _, marker in ipairs(markers) do
    local file = vim.fn.findfile(marker, dir .. ';')
    if file ~= '' then
      return vim.fn.fnamemodify(file, ':p:h')
    end
    local folder = vim.fn.finddir(marker, dir .. ';')
    if folder ~= '' then
      -- ':p' of a folder ends in '/': ':h' drops that, the second the marker.
      return vim.fn.fnamemodify(folder, ':p:h:h')
    end
  end
  return dir
end

local clients = {} -- root → client id (Neovim 0.7 path)

local function attach(buf, opts)
  if vim.fn.executable(opts.cmd[1]) ~= 1 then
    vim.notify('plan-lint: "' .. opts.cmd[1] .. '" not found; install it (cargo install --path . --locked in the plan-lint repository) or set cmd', vim.log.levels.ERROR)
    return
  end
  local root = root_dir(buf, opts.root_markers)
  if vim.lsp.start then -- Neovim 0.8+
    vim.lsp.start({ name = 'plan-lint', cmd = opts.cmd, root_dir = root }, { bufnr = buf })
    return
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({ name = 'plan-lint', cmd = opts.cmd, root_dir = root })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
end

function M.setup(user)
  local opts = vim.tbl_deep_extend('force', defaults, user or {})
  local group = vim.api.nvim_create_augroup('plan-lint', { clear = true })
  -- Filetype detection: *.plan, *.plan.txt, *.方案.txt.
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = { '*.plan', '*.plan.txt', '*.方案.txt' },
    callback = function(args)
      vim.api.nvim_buf_set_option(args.buf, 'filetype', 'plan')
    end,
  })
  -- A plain-text plan: filetype `text` (a .txt file) that looks like one.
  -- Only while the file is being read (filetype detection), so that a
  -- buffer set back to text by hand (`:set ft=text`) stays text. Setting
  -- the filetype runs the FileType autocommands again, for `plan`.
  if opts.detect_plain_text then
    local reading = {}
    vim.api.nvim_create_autocmd('BufReadPre', {
      group = group,
      callback = function(args)
        reading[args.buf] = true
        vim.schedule(function() reading[args.buf] = nil end)
      end,
    })
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = 'text',
      callback = function(args)
        if not reading[args.buf] then return end
        if M.looks_like_plan(buffer_head(args.buf)) then
          vim.api.nvim_buf_set_option(args.buf, 'filetype', 'plan')
        end
      end,
    })
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      attach(args.buf, opts)
    end,
  })
  return M
end

-- Sourced as a script (`-u plan-lint.lua`, `:luafile`): set up at once.
if not ... then
  M.setup()
end

return M
