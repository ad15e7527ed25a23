-- Headless check of editors/nvim/plan-lint.lua:
--   PLAN_LINT_BIN=target/release/plan-lint nvim --headless --clean \
--     -u editors/nvim/check.lua examples/sample-plan.txt
-- Prints the filetype, the number of language-server clients attached, the
-- number of plan-lint diagnostics and the first few, then quits. A buffer
-- of filetype `plan` must get diagnostics within 20 s (exit 1 otherwise);
-- any other buffer (a .txt that does not look like a plan) must get no
-- client (exit 1 if one attaches).
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
dofile(here .. 'plan-lint.lua')

local function clients(buf)
  local n = 0
  for _ in pairs(vim.lsp.buf_get_clients(buf)) do n = n + 1 end
  return n
end

vim.api.nvim_create_autocmd('VimEnter', { callback = function()
  local buf = vim.api.nvim_get_current_buf()
  local ok
  if vim.bo[buf].filetype == 'plan' then
    ok = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
    vim.wait(500)
  else
    vim.wait(1000)
    ok = clients(buf) == 0
  end
  local diags = vim.diagnostic.get(buf)
  io.stdout:write(string.format('filetype=%s clients=%d diagnostics=%d\n', vim.bo[buf].filetype, clients(buf), #diags))
  table.sort(diags, function(a, b) return a.lnum < b.lnum end)
  for i = 1, math.min(#diags, 25) do
    local d = diags[i]
    io.stdout:write(string.format('%d:%d %s %s\n', d.lnum + 1, d.col + 1, d.code or '', d.message))
  end
  vim.cmd(ok and 'qall!' or 'cquit 1')
end })
