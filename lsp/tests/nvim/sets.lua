-- Headless Neovim with two files of a plan set open (lsp/tests/lsp_neovim_sets.rs).
--
--   PLAN_LINT_BIN=… PLAN_LINT_MAIN=… PLAN_LINT_ATTACHMENT=… PLAN_LINT_OUT=… \
--     nvim --headless --clean -u lsp/tests/nvim/sets.lua
--
-- Opens the plan and its attachment (one client, both buffers attached),
-- records the attachment's publications, changes the plan's target from
-- 5个以上 to 7个以上 without saving, and records the attachment's
-- diagnostics after that edit and after undoing it. Neovim 0.7 API only.

-- The helpers shared with the other script, from this script's folder.
local common = dofile((debug.getinfo(1, 'S').source:match('^@(.*[/\\])') or './') .. 'common.lua')

local bin = assert(os.getenv('PLAN_LINT_BIN'), 'PLAN_LINT_BIN')
local main_doc = assert(os.getenv('PLAN_LINT_MAIN'), 'PLAN_LINT_MAIN')
local attachment_doc = assert(os.getenv('PLAN_LINT_ATTACHMENT'), 'PLAN_LINT_ATTACHMENT')
local out_path = assert(os.getenv('PLAN_LINT_OUT'), 'PLAN_LINT_OUT')
local timeout_ms = tonumber(os.getenv('PLAN_LINT_TIMEOUT_MS') or '120000')

local out = {}
local published = {} -- the attachment's publications, in order

local function finish(code)
  common.finish(out_path, out, code)
end

vim.lsp.handlers['textDocument/publishDiagnostics'] = function(_, result, _, _)
  if result and result.uri == vim.uri_from_fname(attachment_doc) then
    table.insert(published, result.diagnostics)
  end
end

local function has_t101(diagnostics)
  for _, d in ipairs(diagnostics) do
    if d.code == 'T101' then
      return true
    end
  end
  return false
end

--- Waits for a publication for the attachment after the `after`th that
--- satisfies `wanted`; returns its diagnostics.
local function wait_for(after, wanted, what)
  local found
  common.wait_until(timeout_ms, function()
    for i = after + 1, #published do
      if wanted(published[i]) then
        found = published[i]
        return true
      end
    end
    return false
  end, function()
    return 'timed out waiting for the attachment ' .. what
  end)
  return found
end

local function main()
  local client_id = vim.lsp.start_client({
    name = 'plan-lint',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(main_doc, ':p:h'),
    flags = { debounce_text_changes = 0 },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  vim.cmd('edit ' .. vim.fn.fnameescape(attachment_doc))
  assert(vim.lsp.buf_attach_client(vim.api.nvim_get_current_buf(), client_id))
  vim.cmd('edit ' .. vim.fn.fnameescape(main_doc))
  local main_buf = vim.api.nvim_get_current_buf()
  assert(vim.lsp.buf_attach_client(main_buf, client_id))

  out.initial = wait_for(0, function() return true end, 'as opened')
  local seen = #published

  -- The plan's target, edited in the buffer only.
  local lines = vim.api.nvim_buf_get_lines(main_buf, 0, -1, true)
  for row, line in ipairs(lines) do
    local at = line:find('5个以上', 1, true)
    if at then
      vim.api.nvim_buf_set_text(main_buf, row - 1, at - 1, row - 1, at, { '7' })
      break
    end
  end
  out.after_edit = wait_for(seen, has_t101, 'with a T101')
  seen = #published

  vim.cmd('undo')
  out.after_undo = wait_for(seen, function(d) return not has_t101(d) end, 'without a T101')

  vim.lsp.stop_client(client_id)
  finish(0)
end

common.run_main(main, function(err)
  out.error = err
  finish(1)
end)
