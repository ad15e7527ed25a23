-- Headless Neovim as a real client of `plan-lint lsp` (lsp/tests/lsp_neovim.rs).
--
--   PLAN_LINT_BIN=… PLAN_LINT_DOC=… PLAN_LINT_OUT=… PLAN_LINT_FINAL=… \
--     nvim --headless --clean -u lsp/tests/nvim/harness.lua
--
-- Works with Neovim 0.7 (Debian 12), which has no vim.lsp.start: the client
-- is started with vim.lsp.start_client and attached with buf_attach_client.
-- It opens PLAN_LINT_DOC, records every textDocument/publishDiagnostics,
-- applies a quick fix through the client, runs an edit storm of
-- PLAN_LINT_STORM (default 1000) scripted edits and writes what it saw as
-- JSON to PLAN_LINT_OUT, and the buffer's final text to PLAN_LINT_FINAL.
-- Positions are left as the server sent them (UTF-16: Neovim 0.7 offers
-- no other encoding); the Rust test converts them.

-- The helpers shared with the other script, from this script's folder.
local common = dofile((debug.getinfo(1, 'S').source:match('^@(.*[/\\])') or './') .. 'common.lua')

local bin = assert(os.getenv('PLAN_LINT_BIN'), 'PLAN_LINT_BIN')
local doc = assert(os.getenv('PLAN_LINT_DOC'), 'PLAN_LINT_DOC')
local out_path = assert(os.getenv('PLAN_LINT_OUT'), 'PLAN_LINT_OUT')
local final_path = assert(os.getenv('PLAN_LINT_FINAL'), 'PLAN_LINT_FINAL')
local storm_edits = tonumber(os.getenv('PLAN_LINT_STORM') or '1000')
local timeout_ms = tonumber(os.getenv('PLAN_LINT_TIMEOUT_MS') or '120000')

local out = { log = {} }
local published = {} -- every publication for the document, in order
local messages = {}

local function now_ms()
  return vim.loop.hrtime() / 1e6
end

local function log(text)
  table.insert(out.log, string.format('%.0f %s', now_ms(), text))
end

local function finish(code)
  common.finish(out_path, out, code)
end

vim.lsp.handlers['textDocument/publishDiagnostics'] = function(_, result, _, _)
  if result and result.uri == vim.uri_from_fname(doc) then
    table.insert(published, { version = result.version, diagnostics = result.diagnostics, at = now_ms() })
  end
end
vim.lsp.handlers['window/showMessage'] = function(_, result, _, _)
  table.insert(messages, result)
end
vim.lsp.handlers['window/logMessage'] = function(_, result, _, _)
  table.insert(messages, result)
end

--- The newest publication for `version`, once no new one has come for
--- `quiet_ms` (the server may republish a version after its idle check).
local function wait_for_version(version, what, quiet_ms)
  common.wait_until(timeout_ms, function()
    local last = published[#published]
    return last ~= nil and last.version == version
  end, function()
    local last = published[#published]
    return string.format('timed out waiting for diagnostics of version %s (%s); last version %s',
      tostring(version), what, last and tostring(last.version) or 'none')
  end)
  local count = #published
  while true do
    vim.wait(quiet_ms or 300, function() return #published > count end, 5)
    if #published == count then
      break
    end
    count = #published
  end
  return published[#published]
end

local function buffer_text(buf)
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n')
  if vim.api.nvim_buf_get_option(buf, 'eol') then
    text = text .. '\n'
  end
  return text
end

local function main()
  vim.cmd('edit ' .. vim.fn.fnameescape(doc))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'plan-lint',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(doc, ':p:h'),
    flags = { debounce_text_changes = 0 },
    on_exit = function(code, signal)
      log(string.format('server exited: code %s signal %s', tostring(code), tostring(signal)))
    end,
  })
  assert(client_id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(buf, client_id), 'buf_attach_client failed')
  local client = vim.lsp.get_client_by_id(client_id)
  -- Count the didChange notifications the client really sends.
  out.did_change = 0
  local notify = client.notify
  client.notify = function(method, params)
    if method == 'textDocument/didChange' then
      out.did_change = out.did_change + 1
    end
    return notify(method, params)
  end

  -- 1. Diagnostics of the document as opened.
  local started = now_ms()
  local version = vim.lsp.util.buf_versions[buf] or 0
  local first = wait_for_version(version, 'didOpen')
  out.open_ms = first.at - started
  out.initial_version = version
  out.initial = first.diagnostics
  out.offset_encoding = client.offset_encoding

  -- 2. A quick fix through the client: the server's code action, applied
  -- by Neovim's own workspace-edit code.
  local target
  for _, d in ipairs(first.diagnostics) do
    if d.data and d.data.fixable and (target == nil or d.code == 'R102') then
      if target == nil or target.code ~= 'R102' then
        target = d
      end
    end
  end
  assert(target, 'no fixable diagnostic in the document')
  out.fixed = target
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = target.range,
    context = { diagnostics = { target }, only = { 'quickfix' } },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout_ms)
  local action
  for _, response in pairs(responses or {}) do
    for _, a in ipairs(response.result or {}) do
      if a.edit and a.kind == 'quickfix' and action == nil then
        action = a
      end
    end
  end
  assert(action, 'the server offered no quick fix for ' .. vim.fn.json_encode(target))
  out.fix_title = action.title
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local fixed_version = vim.lsp.util.buf_versions[buf]
  assert(fixed_version ~= version, 'applying the quick fix did not change the buffer')
  out.after_fix_version = fixed_version
  out.after_fix = wait_for_version(fixed_version, 'after the quick fix').diagnostics
  common.write_file(final_path .. '.after-fix', buffer_text(buf))

  -- 3. An edit storm: scripted edits in quick succession, no waiting.
  local pieces = { '改', '𠀾', '', '县财政局、', '5个以上', '一、', '\n', '(县住建局牵头)', '。' }
  local state = 20240417
  local function rand(n) -- Park–Miller: exact in doubles
    state = (state * 16807) % 2147483647
    return state % n
  end
  local before_storm = out.did_change
  local storm_started = now_ms()
  for _ = 1, storm_edits do
    local count = vim.api.nvim_buf_line_count(buf)
    local row = rand(count)
    local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, true)[1]
    local chars = vim.str_utfindex(line)
    local a = rand(chars + 1)
    local b = math.min(chars, a + rand(3))
    local start_col = vim.str_byteindex(line, a)
    local end_col = vim.str_byteindex(line, b)
    local end_row = row
    if rand(20) == 0 and row + 1 < count then
      -- Now and then join this line with the next.
      end_row, end_col, start_col = row + 1, 0, #line
    end
    local piece = pieces[rand(#pieces) + 1]
    vim.api.nvim_buf_set_text(buf, row, start_col, end_row, end_col, vim.split(piece, '\n', true))
  end
  out.storm_edits = storm_edits
  out.storm_did_change = out.did_change - before_storm
  out.storm_send_ms = now_ms() - storm_started
  local final_version = vim.lsp.util.buf_versions[buf]
  local last = wait_for_version(final_version, 'after the edit storm', 1000)
  out.storm_ms = last.at - storm_started
  out.final_version = final_version
  out.final = last.diagnostics
  out.publications = #published
  local versions = {}
  for _, p in ipairs(published) do
    table.insert(versions, p.version or -1)
  end
  out.versions = versions
  common.write_file(final_path, buffer_text(buf))
  out.messages = messages

  vim.lsp.stop_client(client_id)
  finish(0)
end

common.run_main(main, function(err)
  out.error = err
  out.messages = messages
  finish(1)
end)
